package dev.postern.provider.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A provider's webhook request as it reached {@code POST /v1/webhooks/{provider}}: what a verifier
 * needs, nothing of the HTTP server's types.
 *
 * @param headers the request's headers, names in lower case, the first value of each
 * @param body the raw body, exactly the bytes received: signatures are computed over them
 * @param receivedAt when it arrived, on Postern's clock: verifiers judge timestamps against it
 */
public record WebhookRequest(Map<String, String> headers, byte[] body, Instant receivedAt) {

    public WebhookRequest {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "received_at");
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    /** The header named {@code name} (any case), if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
