package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body far over {@code server.http.max_request_bytes} from a client that reads the answer only
 * once it has sent everything (as simple clients and proxies do): the 413 must reach it. A server
 * that answers and closes while such a client still sends makes the client's TCP stack see a
 * reset, which throws away the answer it had received; the gateway answers, then reads and
 * discards the rest for a bounded time before it closes (a lingering close).
 */
class OversizedBodyAnswerTest {
    private static final long BODY_BYTES = 200L * 1024 * 1024;
    private static final int ROUNDS = 3;

    @TempDir
    static Path dir;

    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = new TestGateway(dir); // max_request_bytes: 64 KiB, so 200 MiB is over it 3,200 times
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBodyFarOverTheLimitIsAnswered413ToAClientThatReadsOnlyAfterSendingIt(boolean contentLength)
            throws IOException {
        for (int round = 0; round < ROUNDS; round++) {
            String answer = sendAllThenRead(contentLength);

            assertThat(answer).as("round %d", round).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("payload_too_large");
        }
        assertThat(gw.post("/v1/messages", SEND_KEY, TestGateway.message("a@shop.example", "b@example.com"))
                        .statusCode())
                .isEqualTo(202);
    }

    /**
     * A client that reads while it sends (Java's {@link HttpClient}, like most): before the fix one
     * request in ten or twenty failed with "header parser received no bytes" — the 413 lost to a
     * reset — so thirty rounds each catch the race.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBodyFarOverTheLimitIsAnswered413ToAClientThatReadsWhileSending(boolean contentLength)
            throws InterruptedException {
        for (int round = 0; round < 30; round++) {
            HttpRequest.BodyPublisher endless = HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(BODY_BYTES));
            HttpRequest.BodyPublisher body =
                    contentLength ? HttpRequest.BodyPublishers.fromPublisher(endless, BODY_BYTES) : endless;
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> answer = client.send(
                        gw.request("/v1/messages", SEND_KEY)
                                .header("Content-Type", "application/json")
                                .POST(body)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as("round %d", round).isEqualTo(413);
            } catch (IOException e) {
                throw new AssertionError("round " + round + ": no answer: " + e, e);
            }
        }
    }

    /** {@code length} bytes of 'x', made as they are read. */
    private static final class Filler extends InputStream {
        private long left;

        Filler(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
        }
    }

    /** Writes the whole body (a write the server refuses ends it), then reads what came back. */
    private static String sendAllThenRead(boolean contentLength) throws IOException {
        URI url = gw.gateway.httpUrl();
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            String framing = contentLength ? "Content-Length: " + BODY_BYTES : "Transfer-Encoding: chunked";
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'x');
            byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            String writeFailure = "";
            try {
                out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SEND_KEY
                                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (long sent = 0; sent < BODY_BYTES; sent += block.length) {
                    if (!contentLength) {
                        out.write(chunkHead);
                    }
                    out.write(block);
                    if (!contentLength) {
                        out.write(crlf);
                    }
                }
                if (!contentLength) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (SocketException e) {
                writeFailure = "[write failed: " + e.getMessage() + "] ";
            }
            InputStream in = s.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketException e) {
                return writeFailure + "[read failed: " + e.getMessage() + "]";
            }
        }
    }
}
