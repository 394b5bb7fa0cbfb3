package dev.postern.provider.transport;

import static dev.postern.provider.transport.RawHttp.bytesUntilClosed;
import static dev.postern.provider.transport.RawHttp.readHead;
import static dev.postern.provider.transport.RawHttp.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Endpoints that ignore {@code Expect: 100-continue} get the body without it after one second
 * (docs/providers.md); endpoints that have answered {@code 100 Continue} keep waiting for it, so
 * that a hang before hand-off is still caught. The second waits on {@link FakeTime}.
 */
class HttpTransportExpectTest {
    private static final String BODY = "{\"message\": 1}";
    private static final Timeouts LONG = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));

    private final FakeTime time = new FakeTime();
    private final HttpTransport transport = new HttpTransport(LONG, time, time);
    private final ServerSocket server = server();

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void endpointThatIgnoresExpectGetsTheBodyWithoutItAfterOneSecondAndNoByteBefore() throws Exception {
        AttemptContext context = cancellable("m-1");
        CompletableFuture<HttpAnswer> answer = CompletableFuture.supplyAsync(() -> transport.send(post(), context));

        try (Socket first = server.accept()) {
            assertThat(readHead(first)).containsIgnoringCase("Expect: 100-continue");
            time.advance(Duration.ofMillis(999));
            assertThat(context.phase()).isNotEqualTo(AttemptPhase.AWAITING_ANSWER);

            time.advance(Duration.ofMillis(1));

            assertThat(bytesUntilClosed(first))
                    .as("no byte of the body before the fallback")
                    .isZero();
        }
        try (Socket second = server.accept()) {
            assertThat(readHead(second)).doesNotContainIgnoringCase("Expect:");
            answerAfterBody(second, 202);
        }
        assertThat(answer.get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        HttpAnswer.Answered.class, a -> assertThat(a.status()).isEqualTo(202));
        assertThat(context.phase()).isEqualTo(AttemptPhase.AWAITING_ANSWER);
    }

    @Test
    void endpointNeverHeardFromThatHangsGetsTheBodyAfterOneSecondSoItsAttemptIsAmbiguous() throws Exception {
        // The price of not waiting forever for 100 Continue: a first contact cannot tell a hang from
        // an endpoint that ignores Expect, and the body on the wire is the hand-off.
        HttpTransport shortTimeout =
                new HttpTransport(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)), time, time);
        AttemptContext context = cancellable("m-1");
        CompletableFuture<HttpAnswer> answer = CompletableFuture.supplyAsync(() -> shortTimeout.send(post(), context));
        try (Socket first = server.accept()) {
            readHead(first);
            time.advance(Duration.ofSeconds(1));
            assertThat(bytesUntilClosed(first)).isZero();
        }
        try (Socket second = server.accept()) {
            readHead(second);
            assertThat(new String(second.getInputStream().readNBytes(BODY.length()), StandardCharsets.UTF_8))
                    .isEqualTo(BODY);

            assertThat(answer.get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            HttpAnswer.Failed.class,
                            f -> assertThat(f.outcome()).isInstanceOf(SendOutcome.Ambiguous.class));
            assertThat(context.cancel()).as("handed over").isFalse();
        }
    }

    @Test
    void endpointKnownToIgnoreExpectGetsTheBodyAtOnceUntilItIsProbedAgainTenMinutesLater() throws Exception {
        endpointThatIgnoresExpectGetsTheBodyWithoutItAfterOneSecondAndNoByteBefore();

        CompletableFuture<HttpAnswer> next =
                CompletableFuture.supplyAsync(() -> transport.send(post(), cancellable("m-2")));
        try (Socket connection = server.accept()) {
            assertThat(readHead(connection)).doesNotContainIgnoringCase("Expect:");
            answerAfterBody(connection, 202);
        }
        assertThat(next.get(10, TimeUnit.SECONDS)).isInstanceOf(HttpAnswer.Answered.class);

        time.advance(ExpectMemory.REPROBE);
        CompletableFuture<HttpAnswer> probe =
                CompletableFuture.supplyAsync(() -> transport.send(post(), cancellable("m-3")));
        try (Socket connection = server.accept()) {
            assertThat(readHead(connection)).containsIgnoringCase("Expect: 100-continue");
            continueThenAnswer(connection);
        }
        assertThat(probe.get(10, TimeUnit.SECONDS)).isInstanceOf(HttpAnswer.Answered.class);
    }

    @Test
    void endpointThatHasAnsweredHundredContinueNeverGetsTheBodyWithoutIt() throws Exception {
        CompletableFuture<HttpAnswer> first =
                CompletableFuture.supplyAsync(() -> transport.send(post(), cancellable("m-1")));
        try (Socket connection = server.accept()) {
            readHead(connection);
            continueThenAnswer(connection);
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(HttpAnswer.Answered.class);

        // now it hangs: accepts, reads the head, never answers
        AttemptContext context = cancellable("m-2");
        CompletableFuture<HttpAnswer> hung = CompletableFuture.supplyAsync(() -> transport.send(post(), context));
        try (Socket connection = server.accept()) {
            assertThat(readHead(connection)).containsIgnoringCase("Expect: 100-continue");
            time.advance(Duration.ofSeconds(3));
            assertThat(time.pendingTasks()).as("no fallback is waiting").isZero();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(context::cancellable);

            assertThat(context.cancel()).as("still before hand-off").isTrue();

            assertThat(hung.get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            HttpAnswer.Failed.class,
                            f -> assertThat(f.outcome()).isInstanceOf(SendOutcome.Unavailable.class));
            assertThat(bytesUntilClosed(connection))
                    .as("the hung endpoint never got the body")
                    .isZero();
        }
    }

    @Test
    void attemptCancelledWhileWaitingForHundredContinueIsNotSentAgain() throws Exception {
        AttemptContext context = cancellable("m-1");
        CompletableFuture<HttpAnswer> answer = CompletableFuture.supplyAsync(() -> transport.send(post(), context));
        try (Socket connection = server.accept()) {
            readHead(connection);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(context::cancellable);
            assertThat(context.cancel()).isTrue();
            time.advance(Duration.ofSeconds(1));

            assertThat(answer.get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            HttpAnswer.Failed.class,
                            f -> assertThat(f.outcome()).isInstanceOf(SendOutcome.Unavailable.class));
            assertThat(bytesUntilClosed(connection)).isZero();
        }
        server.setSoTimeout(500);
        assertThat(acceptsNothing()).as("no second request").isTrue();
    }

    @Test
    void expectationFailedIsAnsweredBySendingAgainWithoutExpect() throws Exception {
        CompletableFuture<HttpAnswer> answer =
                CompletableFuture.supplyAsync(() -> transport.send(post(), cancellable("m-1")));
        try (Socket first = server.accept()) {
            readHead(first);
            write(first, "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
        try (Socket second = server.accept()) {
            assertThat(readHead(second)).doesNotContainIgnoringCase("Expect:");
            answerAfterBody(second, 200);
        }
        assertThat(answer.get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        HttpAnswer.Answered.class, a -> assertThat(a.status()).isEqualTo(200));
    }

    private boolean acceptsNothing() throws IOException {
        try (Socket unexpected = server.accept()) {
            return unexpected == null;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    private static AttemptContext cancellable(String id) {
        AttemptContext context = new AttemptContext(id, 1, true);
        context.onCancel(() -> {});
        return context;
    }

    private HttpRequest.Builder post() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/send"))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
    }

    private static ServerSocket server() {
        try {
            return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void continueThenAnswer(Socket connection) throws IOException {
        write(connection, "HTTP/1.1 100 Continue\r\n\r\n");
        answerAfterBody(connection, 202);
    }

    /** Reads the body the head announced, then answers {@code status} and closes. */
    private static void answerAfterBody(Socket connection, int status) throws IOException {
        byte[] body = connection.getInputStream().readNBytes(BODY.length());
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(BODY);
        String json = "{\"id\":\"x\"}";
        write(
                connection,
                "HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
                        + "\r\nConnection: close\r\n\r\n" + json);
    }
}
