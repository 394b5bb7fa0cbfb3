package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.sim.Fault;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: an admin client on {@code GET /v1/events/stream} that stops reading must never slow
 * delivery. Every message here fails over (emailr refuses connections; its breaker and health
 * checks are set not to take it out of rotation within the run) and is then rejected by the
 * backup, so each one puts a {@code failover} and a {@code message_failed} event on the stream:
 * about 4.5 MB for 10,000 messages, twice what the socket buffers between the gateway and a
 * client that reads nothing hold (about 2 MB on loopback). Failing the messages rather than
 * delivering them keeps the breaker of the backup out of it and doubles the events per message.
 *
 * <p>Before the fix, events were written to the stream on the dispatch threads: once the socket
 * was full every dispatch thread blocked until the write timed out with the connection's idle
 * timeout (10 minutes here, so the bound below catches it), and the stream then stayed open, mute.
 * Now the client is disconnected when its buffer fills and dispatch never waits. The rate with and without such a
 * client is compared in docs/benchmarks.md, not here: a timed assertion would flake.
 */
class EventStreamBackpressureTest {
    private static final int MESSAGES = 10_000;
    /** Fits {@code max_request_bytes: 65536} of the test gateway. */
    private static final int PER_BATCH = 250;

    @TempDir
    Path dir;

    @Test
    void aStreamClientThatNeverReadsIsDisconnectedAndDispatchSettlesEveryMessage() throws Exception {
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY)) {
            emailr.start();
            webhook.start();
            emailr.fault(new Fault.Down());
            webhook.fault(new Fault.Error(422));
            try (TestGateway gw = TestGateway.instance(
                            "sqlite:" + dir.resolve("postern.db"),
                            "circuit_breaker: { window: 10000, minimum_calls: 10000 }\n"
                                    + "    health_check: { interval: 10m }",
                            // a write blocked on the stalled client would otherwise give up after 30 s
                            "idle_timeout: 10m",
                            emailr,
                            webhook);
                    Socket stalled = neverReadingStream(gw.gateway.httpUrl())) {
                for (int sent = 0; sent < MESSAGES; sent += PER_BATCH) {
                    HttpResponse<String> answer = gw.post("/v1/messages/batch", ADMIN_KEY, batch(sent));
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }

                // a bound, not a measurement: a stalled dispatch never completes at all
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> gw.gateway.outbox().counts().failed() == MESSAGES);

                assertThat(bytesUntilEndOfStream(stalled))
                        .as("bytes the stalled client had been sent when it was disconnected")
                        .isPositive();
            }
        }
    }

    /** Subscribes with a small receive window and never reads: the socket fills at once. */
    private static Socket neverReadingStream(URI api) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(api.getHost(), api.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/events/stream HTTP/1.1\r\nHost: " + api.getHost() + "\r\nAuthorization: Bearer " + ADMIN_KEY
                        + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Reads what the gateway sent before it hung up, up to the end of the stream (or a reset);
     * fails when the stream is still open after a quiet while.
     */
    private static long bytesUntilEndOfStream(Socket socket) throws Exception {
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                total += n;
            }
            return total;
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the stream is still open after " + total + " bytes", e);
        } catch (java.net.SocketException e) {
            return Math.max(total, 1); // reset: the gateway closed it with data unread
        }
    }

    private static String batch(int first) {
        StringJoiner messages = new StringJoiner(",", "{\"messages\": [", "]}");
        for (int i = first; i < first + PER_BATCH; i++) {
            messages.add(TestGateway.message("orders@shop.example", "customer-" + i + "@example.com")
                    .strip());
        }
        return messages.toString();
    }
}
