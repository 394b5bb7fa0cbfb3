package dev.postern.provider.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * The steps of a webhook signed over a timestamp header and the raw body (SendGrid's, Postern's own
 * {@code http} format), in the order {@link dev.postern.provider.event.EventWebhook} requires: both
 * headers present, the size bounded, the signature verified, then the timestamp judged, and only
 * then the body read.
 */
public final class TimestampSigned {

    /** Whether {@code signature} signs {@code timestamp} and {@code body} with the configured key. */
    @FunctionalInterface
    public interface Verifier {
        boolean verified(String signature, String timestamp, byte[] body);
    }

    /** Reads a verified body's events. */
    @FunctionalInterface
    public interface Reader {
        WebhookOutcome events(JsonNode json, Instant receivedAt);
    }

    private final String signatureHeader;
    private final String timestampHeader;
    private final String key;

    /** @param key how the configuration names the key, for the answer to a request that does not verify */
    public TimestampSigned(String signatureHeader, String timestampHeader, String key) {
        this.signatureHeader = signatureHeader;
        this.timestampHeader = timestampHeader;
        this.key = key;
    }

    public WebhookOutcome receive(WebhookRequest request, Verifier verifier, Reader reader) {
        Optional<String> signature = request.header(signatureHeader);
        Optional<String> timestamp = request.header(timestampHeader);
        if (signature.isEmpty() || timestamp.isEmpty()) {
            return new WebhookOutcome.Unauthorized("no " + signatureHeader + " and " + timestampHeader + " headers");
        }
        if (WebhookJson.tooLarge(request.body())) {
            // refused before verifying, whoever sent it: hashing a body that will not be read is wasted work
            return new WebhookOutcome.Malformed("the body is over " + WebhookJson.MAX_BODY_BYTES + " bytes");
        }
        if (!verifier.verified(signature.get().strip(), timestamp.get(), request.body())) {
            return new WebhookOutcome.Unauthorized("the signature does not match the configured " + key);
        }
        Optional<Instant> signedAt = Freshness.epochSeconds(timestamp.get());
        if (signedAt.isEmpty()) {
            return new WebhookOutcome.Malformed(timestampHeader + " is not epoch seconds");
        }
        Optional<WebhookOutcome> stale = Freshness.judge(signedAt.get(), request.receivedAt());
        if (stale.isPresent()) {
            return stale.get();
        }
        return switch (WebhookJson.read(request.body())) {
            case WebhookJson.Body.Unreadable u -> new WebhookOutcome.Malformed(u.reason());
            case WebhookJson.Body.Read r -> reader.events(r.json(), request.receivedAt());
        };
    }
}
