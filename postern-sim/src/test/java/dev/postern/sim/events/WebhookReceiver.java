package dev.postern.sim.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A tiny HTTP server on loopback that records every webhook request and answers 200 (or as told). */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived; header names in lower case. */
    public record Hit(String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach(
                                (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
                byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
                hits.add(new Hit(exchange.getRequestURI().getPath(), headers, body));
                int status = Optional.ofNullable(answers.poll()).orElse(200);
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next requests are answered with these statuses, in order; then 200 again. */
    public void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** Waits until {@code n} requests have arrived; returns them all. */
    public List<Hit> await(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hits.size() >= n);
        return hits();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
