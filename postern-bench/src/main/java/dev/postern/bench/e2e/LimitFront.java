package dev.postern.bench.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider's own rate limit, in front of a simulator (which has none): sends ({@code POST}) beyond
 * {@code perSecond} in one wall-clock second are answered {@code 429} with {@code Retry-After: 1},
 * as many APIs count; everything else is passed to the simulator. Health calls are not counted.
 * {@code GET /_front/stats} answers {@code sent N limited M}.
 */
final class LimitFront implements AutoCloseable {
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key");

    private final long perSecond;
    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    private long windowSecond;
    private long inWindow;

    LimitFront(URI target, long perSecond) {
        this.target = target;
        this.perSecond = perSecond;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::exchange);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private synchronized boolean admit() {
        long second = System.currentTimeMillis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            inWindow = 0;
        }
        return ++inWindow <= perSecond;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/_front/stats")) {
                answer(exchange, 200, "sent " + sent.get() + " limited " + limited.get());
                return;
            }
            boolean isSend = exchange.getRequestMethod().equals("POST");
            if (isSend && !admit()) {
                limited.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                answer(exchange, 429, "{\"error\": \"Rate limit exceeded\", \"code\": \"RATE_LIMIT_EXCEEDED\"}");
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .timeout(FORWARD_TIMEOUT)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (isSend && response.statusCode() / 100 == 2) {
                sent.incrementAndGet();
            }
            response.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
