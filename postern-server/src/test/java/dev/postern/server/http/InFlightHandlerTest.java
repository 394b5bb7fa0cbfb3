package dev.postern.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shutdown waits for answers, not for handlers: a request counts as in flight until its response
 * has been written out, on a real Jetty server and a real socket.
 */
class InFlightHandlerTest {
    /** More than a loopback connection buffers while its client reads nothing. */
    private static final int BIG = 32 * 1024 * 1024;

    private final InFlight inFlight = new InFlight();
    private final CountDownLatch answering = new CountDownLatch(1);
    private Server server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aRequestIsInFlightUntilItsWholeResponseIsWrittenNotUntilItsHandlerReturns() throws Exception {
        int port = start();
        try (Socket client = new Socket("127.0.0.1", port)) {
            request(client, "/big");
            assertThat(answering.await(10, TimeUnit.SECONDS)).isTrue();

            // the handler has handed Jetty the whole body; the client has read none of it
            assertThat(inFlight.drain(Duration.ofMillis(300)))
                    .as("drained while the response is still being written")
                    .isFalse();

            assertThat(readAll(client.getInputStream())).isGreaterThan(BIG);
            assertThat(inFlight.drain(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void theEventStreamIsNeverWaitedFor() throws Exception {
        int port = start();
        try (Socket client = new Socket("127.0.0.1", port)) {
            request(client, "/stream");
            assertThat(answering.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(inFlight.drain(Duration.ZERO)).isTrue();
        }
    }

    /** Starts Jetty with the counting handler around one that answers BIG bytes, or never ends a stream. */
    private int start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new InFlightHandler(inFlight, "/stream"));
        ((Handler.Wrapper) server.getHandler()).setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                answering.countDown();
                if (Request.getPathInContext(request).equals("/stream")) {
                    return true; // an open stream: its callback completes only when the client leaves
                }
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BIG);
                response.write(true, ByteBuffer.allocate(BIG), callback);
                return true;
            }
        });
        server.start();
        return connector.getLocalPort();
    }

    private static void request(Socket client, String path) throws Exception {
        OutputStream out = client.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the server closes: the headers and the whole body. */
    private static long readAll(InputStream in) throws Exception {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }
}
