package dev.postern.provider.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.webhook.Freshness;
import dev.postern.provider.webhook.Signatures;
import dev.postern.provider.webhook.WebhookJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mailgun's event webhooks: a JSON body {@code {"signature": {"timestamp", "token", "signature"},
 * "event-data": {…}}}, where {@code signature} is the hex HMAC-SHA256 of {@code timestamp + token}
 * with the webhook signing key
 * (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks).
 *
 * <p>The signature travels inside the body, so the body is parsed (bounded) to find it; nothing of
 * {@code event-data} is read before it verifies. A body without a readable signature is {@link
 * WebhookOutcome.Unauthorized}: Mailgun's legacy form-encoded webhooks land there too.
 */
final class MailgunEventWebhook implements EventWebhook {
    private final byte[] signingKey;

    MailgunEventWebhook(Secret signingKey) {
        this.signingKey = signingKey.value().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        return switch (WebhookJson.read(request.body())) {
            case WebhookJson.Body.Read r -> signed(r.json(), request.receivedAt());
            case WebhookJson.Body.Unreadable u ->
                WebhookJson.tooLarge(request.body())
                        ? new WebhookOutcome.Malformed(u.reason())
                        : new WebhookOutcome.Unauthorized("not Mailgun's signed JSON: " + u.reason());
        };
    }

    /** Verifies {@code json}'s signature, then reads its {@code event-data}. */
    private WebhookOutcome signed(JsonNode json, Instant receivedAt) {
        JsonNode signature = json.path("signature");
        Optional<String> timestamp = WebhookJson.text(signature, "timestamp");
        Optional<String> token = WebhookJson.text(signature, "token");
        Optional<String> given = WebhookJson.text(signature, "signature");
        if (timestamp.isEmpty() || token.isEmpty() || given.isEmpty()) {
            return new WebhookOutcome.Unauthorized("no signature.timestamp, signature.token and signature.signature");
        }
        byte[] expected =
                Signatures.hmacSha256(signingKey, (timestamp.get() + token.get()).getBytes(StandardCharsets.UTF_8));
        if (!Signatures.same(
                given.get().toLowerCase(Locale.ROOT), HexFormat.of().formatHex(expected))) {
            return new WebhookOutcome.Unauthorized("the signature does not match the configured signing key");
        }
        Optional<Instant> signedAt = Freshness.epochSeconds(timestamp.get());
        if (signedAt.isEmpty()) {
            return new WebhookOutcome.Malformed("signature.timestamp is not epoch seconds");
        }
        Optional<WebhookOutcome> stale = Freshness.judge(signedAt.get(), receivedAt);
        if (stale.isPresent()) {
            return stale.get();
        }
        JsonNode eventData = json.path("event-data");
        if (!eventData.isObject()) {
            return new WebhookOutcome.Malformed("event-data is not a JSON object");
        }
        return new WebhookOutcome.Events(
                MailgunEvents.read(eventData, receivedAt).map(List::of).orElse(List.of()));
    }

    @Override
    public String toString() {
        return "MailgunEventWebhook";
    }
}
