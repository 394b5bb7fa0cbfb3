package dev.postern.provider.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 endpoint on loopback that ignores {@code Expect: 100-continue}, as many in-house
 * webhooks, mocks and proxies do: it reads the head, never sends {@code 100 Continue}, waits for the
 * body and then answers {@code 200 {"id": "…"}}, as a provider would. It records every body it got.
 */
final class ExpectIgnoringServer implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private final ServerSocket server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    ExpectIgnoringServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("expect-ignoring-server").start(this::accept);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The bodies received, in order. */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The heads of the requests whose body came. */
    List<String> heads() {
        return List.copyOf(heads);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Requests one after another on the connection, until the client closes it. */
    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    return; // the client gave up before the body
                }
                heads.add(head);
                bodies.add(new String(body, StandardCharsets.UTF_8));
                String json = "{\"id\":\"ignoring-" + ids.incrementAndGet() + "\"}";
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
                                + "\r\n\r\n" + json)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client closed or reset the connection: nothing more to serve on it
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1 || head.length() > MAX_HEAD) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Math.min(
                        MAX_BODY,
                        Integer.parseInt(
                                line.substring("content-length:".length()).strip()));
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
