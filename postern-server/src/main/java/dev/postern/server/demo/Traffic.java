package dev.postern.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of receipts into the gateway's HTTP API, the way an application would send
 * them: {@code POST /v1/messages} with a bearer key, one every {@code 1/rate} seconds. It keeps
 * the id of every message the gateway accepted, so that the summary can prove none was lost.
 */
final class Traffic implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final URI messages;
    private final String apiKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread sender;
    private volatile boolean running = true;

    Traffic(URI api, String apiKey, int perSecond) {
        this.messages = api.resolve("/v1/messages");
        this.apiKey = apiKey;
        long pauseNanos = 1_000_000_000L / perSecond;
        this.sender = Thread.ofVirtual().name("demo-traffic").start(() -> {
            long next = System.nanoTime();
            int n = 0;
            while (running) {
                int number = ++n;
                Thread.ofVirtual().start(() -> send(number));
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        });
    }

    private void send(int number) {
        String body = """
                {"from": "Demo Shop <orders@shop.example>", "to": ["customer%d@example.com"],
                 "subject": "Your receipt #%d", "text": "Thank you for your order #%d."}
                """.formatted(number, number, number);
        HttpRequest request = HttpRequest.newBuilder(messages)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                accepted.add(id.group(1));
            } else {
                refused.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            refused.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ids of every message the gateway answered 202 for. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** Requests the gateway did not accept (a client would retry them). */
    int refused() {
        return refused.get();
    }

    /** Stops sending; requests already sent still get their answer. */
    @Override
    public void close() {
        running = false;
        try {
            sender.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
