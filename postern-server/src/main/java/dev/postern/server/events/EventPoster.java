package dev.postern.server.events;

import dev.postern.alert.WebhookAlertSink;
import dev.postern.outbox.store.StoredEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs one event to the outbound webhook: the body of {@link EventJson}, signed as the alert webhook
 * is ({@code X-Postern-Signature: sha256=<hex HMAC-SHA256 of the body>}), with {@code
 * X-Postern-Event-Id} for receivers to de-duplicate on. Bounded by {@link #TIMEOUT}.
 */
final class EventPoster {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final byte[] secret;
    private final HttpClient http;

    EventPoster(URI url, String secret) {
        this.url = Objects.requireNonNull(url, "url");
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends {@code event}; returns normally on a 2xx answer.
     *
     * @throws IOException when it was not taken: unreachable, timed out, or answered otherwise
     */
    void post(StoredEvent event) throws IOException, InterruptedException {
        byte[] body = EventJson.bytes(event);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Postern-Signature", WebhookAlertSink.signature(secret, body))
                // Postern's own id (ev_ and hex): never a CR or LF
                .header("X-Postern-Event-Id", event.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("the event webhook answered HTTP " + answer.statusCode());
        }
    }
}
