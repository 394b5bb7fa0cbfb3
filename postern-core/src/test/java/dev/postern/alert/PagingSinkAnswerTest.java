package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A paging service (or anything posing as one) that answers without end: the paging sinks read at
 * most {@link PagingHttp#MAX_ANSWER_BYTES} of an answer and give up on one that stalls at their
 * timeout, so a hostile answer costs neither memory nor a sink thread.
 */
class PagingSinkAnswerTest {
    private static final int ANSWER_BYTES = 256 * 1024 * 1024;
    private static final String KEY = "R0123456789abcdef0123456789abcde";

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static Alert opened() {
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        return new Alert(
                "provider_unhealthy",
                Optional.of("sendgrid"),
                at,
                "down",
                Map.of(),
                false,
                Optional.of(new IncidentView(
                        "inc-1",
                        IncidentView.State.OPENED,
                        Optional.of("sendgrid"),
                        "provider_down",
                        at,
                        Optional.empty(),
                        List.of("provider_unhealthy"),
                        Map.of(),
                        Optional.empty())));
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
    }

    @Test
    void aHugeAnswerIsCutAndTheRestIsNeverRead() throws Exception {
        CompletableFuture<Boolean> sentWhole = new CompletableFuture<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/enqueue", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, ANSWER_BYTES);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < ANSWER_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
                sentWhole.complete(true);
            } catch (IOException e) {
                sentWhole.complete(false); // the client hung up before the end: what the test expects
            }
        });
        server.start();

        assertThatThrownBy(() -> new PagerDutyAlertSink(url(), KEY, Duration.ofSeconds(30)).deliver(opened()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        assertThat(sentWhole.join())
                .as("the sink stopped reading after 16 KiB instead of taking all 256 MiB")
                .isFalse();
    }

    @Test
    void anAnswerThatStallsIsGivenUpAtTheTimeout() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/enqueue", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, 1000);
            exchange.getResponseBody().write("{\"status\"".getBytes());
            exchange.getResponseBody().flush();
            try {
                release.await(); // the rest of the body never comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();

        assertThatThrownBy(() -> new PagerDutyAlertSink(url(), KEY, Duration.ofMillis(500)).deliver(opened()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer within");
    }
}
