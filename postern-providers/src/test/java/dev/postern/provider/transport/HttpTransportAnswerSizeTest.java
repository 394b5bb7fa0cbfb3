package dev.postern.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hostile provider's huge answer costs Postern at most 1 MiB of memory, not the whole answer. */
class HttpTransportAnswerSizeTest {
    private static final int ANSWER_BYTES = 256 * 1024 * 1024;
    private static final int MIB = 1024 * 1024;

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aHugeErrorBodyIsCutAtOneMibAndTheRestIsNeverRead() throws Exception {
        CompletableFuture<Boolean> sentWhole = new CompletableFuture<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v3/mail/send", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, ANSWER_BYTES);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < ANSWER_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
                sentWhole.complete(true);
            } catch (IOException e) {
                // the client hung up before the end: what the test expects
                sentWhole.complete(false);
            }
        });
        server.start();
        HttpTransport transport = new HttpTransport(new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)));

        HttpAnswer answer = transport.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3/mail/send"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(answer).isInstanceOfSatisfying(HttpAnswer.Answered.class, answered -> {
            assertThat(answered.status()).isEqualTo(500);
            assertThat(answered.body()).hasSize(MIB);
        });
        assertThat(sentWhole.join())
                .as("the client stopped reading after 1 MiB instead of taking all 256 MiB")
                .isFalse();
    }
}
