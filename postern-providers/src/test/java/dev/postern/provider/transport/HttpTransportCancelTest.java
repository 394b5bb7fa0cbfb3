package dev.postern.provider.transport;

import static dev.postern.provider.transport.RawHttp.bytesUntilClosed;
import static dev.postern.provider.transport.RawHttp.readHead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.SendOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancelling an attempt before hand-off really stops the exchange (docs/routing.md). */
class HttpTransportCancelTest {
    private static final Timeouts LONG = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));

    @Test
    void attemptCancelledDuringTlsHandshakeReturnsAtOnceAndClosesTheConnection() throws Exception {
        // Accepts TCP and never speaks TLS: the client waits in its handshake, before any body.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AttemptContext context = new AttemptContext("m-cancel", 1, true);
            HttpTransport transport = new HttpTransport(LONG);
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + server.getLocalPort() + "/v3/mail/send"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": 1}"));

            CompletableFuture<HttpAnswer> answer =
                    CompletableFuture.supplyAsync(() -> transport.send(request, context));
            try (Socket connection = server.accept()) {
                assertThat(context.phase()).isEqualTo(AttemptPhase.CONNECTING);
                // the hook is registered just after the exchange starts, which may be after accept
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(context::cancellable);

                assertThat(context.cancel()).isTrue();

                assertThat(answer.get(5, TimeUnit.SECONDS))
                        .isInstanceOfSatisfying(
                                HttpAnswer.Failed.class,
                                failed -> assertThat(failed.outcome()).isInstanceOf(SendOutcome.Unavailable.class));
                assertThat(closedByClient(connection))
                        .as("the client closed its connection")
                        .isTrue();
                assertThat(context.handedOver())
                        .as("a cancelled attempt never hands over")
                        .isFalse();
            }
        }
    }

    @Test
    void providerThatNeverAnswersNeverReceivesTheBodyAndTheAttemptCanBeCancelled() throws Exception {
        // Accepts TCP, reads the request head, never answers, not even 100 Continue.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AttemptContext context = new AttemptContext("m-unanswered", 1, true);
            HttpTransport transport = new HttpTransport(LONG);
            CompletableFuture<HttpAnswer> answer =
                    CompletableFuture.supplyAsync(() -> transport.send(post(server, BODY), context));
            try (Socket connection = server.accept()) {
                String head = readHead(connection);
                assertThat(head).containsIgnoringCase("Expect: 100-continue");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(context::cancellable);

                assertThat(context.cancel()).as("not handed over: cancellable").isTrue();

                assertThat(answer.get(5, TimeUnit.SECONDS))
                        .isInstanceOfSatisfying(
                                HttpAnswer.Failed.class,
                                failed -> assertThat(failed.outcome()).isInstanceOf(SendOutcome.Unavailable.class));
                assertThat(bytesUntilClosed(connection))
                        .as("no byte of the message was sent")
                        .isZero();
            }
        }
    }

    @Test
    void requestTimingOutBeforeHundredContinueIsUnavailableNotAmbiguous() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AttemptContext context = new AttemptContext("m-timeout", 1, true);
            context.onCancel(() -> {});
            HttpTransport transport = new HttpTransport(new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
            CompletableFuture<HttpAnswer> answer =
                    CompletableFuture.supplyAsync(() -> transport.send(post(server, BODY), context));
            try (Socket connection = server.accept()) {
                readHead(connection);

                assertThat(answer.get(10, TimeUnit.SECONDS))
                        .isInstanceOfSatisfying(
                                HttpAnswer.Failed.class,
                                failed -> assertThat(failed.outcome())
                                        .isInstanceOf(SendOutcome.Unavailable.class)
                                        .extracting(
                                                SendOutcome::detail,
                                                org.assertj.core.api.InstanceOfAssertFactories.STRING)
                                        .contains("not sent"));
                assertThat(context.phase()).isNotEqualTo(AttemptPhase.AWAITING_ANSWER);
            }
        }
    }

    @Test
    void requestWhoseBodyWasTakenIsHandedOverAndCannotBeCancelled() throws Exception {
        // Answers 100 Continue, reads the body, never gives the final answer.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AttemptContext context = new AttemptContext("m-handed", 1, true);
            context.onCancel(() -> {});
            HttpTransport transport = new HttpTransport(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)));
            CompletableFuture<HttpAnswer> answer =
                    CompletableFuture.supplyAsync(() -> transport.send(post(server, BODY), context));
            try (Socket connection = server.accept()) {
                readHead(connection);
                connection.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] body = connection.getInputStream().readNBytes(BODY.length());
                assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(BODY);

                assertThat(answer.get(10, TimeUnit.SECONDS))
                        .isInstanceOfSatisfying(
                                HttpAnswer.Failed.class,
                                failed -> assertThat(failed.outcome()).isInstanceOf(SendOutcome.Ambiguous.class));
                assertThat(context.phase()).isEqualTo(AttemptPhase.AWAITING_ANSWER);
                assertThat(context.cancel()).isFalse();
            }
        }
    }

    private static final String BODY = "{\"message\": 1}";

    private static HttpRequest.Builder post(ServerSocket server, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/send"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** True when the peer closed the connection (EOF or reset) within 5 s. */
    private static boolean closedByClient(Socket connection) throws IOException {
        connection.setSoTimeout(5000);
        InputStream in = connection.getInputStream();
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the client
        }
    }
}
