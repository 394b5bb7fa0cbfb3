package dev.postern.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application's endpoint for the outbound event webhook, on loopback: records every POST
 * (headers and body) and answers 503 to the first {@code refusals}, then 200.
 */
final class EventReceiver implements AutoCloseable {
    record Received(String eventId, String signature, String body, int answered) {}

    private final HttpServer server;
    private final AtomicInteger refusals;
    final List<Received> received = new CopyOnWriteArrayList<>();

    EventReceiver(int refusals) {
        this.refusals = new AtomicInteger(refusals);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = this.refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("X-Postern-Event-Id"),
                    exchange.getRequestHeaders().getFirst("X-Postern-Signature"),
                    new String(body, StandardCharsets.UTF_8),
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers 200 to every POST from now on. */
    void acceptFromNowOn() {
        refusals.set(0);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() == 200).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
