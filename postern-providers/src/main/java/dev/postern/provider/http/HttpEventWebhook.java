package dev.postern.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.alert.WebhookAlertSink;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.webhook.Signatures;
import dev.postern.provider.webhook.TimestampSigned;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Postern's own delivery-event format for {@code type: http} services (docs/events.md, section
 * http): {@code {"events": [{"id", "type", "recipient", "postern_id", "provider_message_id", "at",
 * "bounce", "detail"}]}}, signed as Postern signs its alert webhook, with the timestamp inside the
 * signature so that a captured request cannot be replayed later: {@code X-Postern-Timestamp: <epoch
 * seconds>} and {@code X-Postern-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + raw body>}.
 * Events are read by {@link HttpEvents}.
 */
final class HttpEventWebhook implements EventWebhook {
    static final String SIGNATURE = "X-Postern-Signature";
    static final String TIMESTAMP = "X-Postern-Timestamp";
    private static final TimestampSigned STEPS = new TimestampSigned(SIGNATURE, TIMESTAMP, "webhook.key");

    private final byte[] secret;

    HttpEventWebhook(Secret secret) {
        this.secret = secret.value().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        return STEPS.receive(request, this::verified, HttpEventWebhook::events);
    }

    private boolean verified(String signature, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return Signatures.same(signature, WebhookAlertSink.signature(secret, signed));
    }

    private static WebhookOutcome events(JsonNode json, Instant receivedAt) {
        JsonNode list = json.path("events");
        if (!list.isArray()) {
            return new WebhookOutcome.Malformed("the body must be {\"events\": [...]}");
        }
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            switch (HttpEvents.read(list.get(i), "events[" + i + "]", receivedAt)) {
                case HttpEvents.Read.Event e -> events.add(e.event());
                case HttpEvents.Read.Skipped s -> {
                    // an event type this Postern does not know: newer senders may add some
                }
                case HttpEvents.Read.Invalid invalid -> {
                    return new WebhookOutcome.Malformed(invalid.reason());
                }
            }
        }
        return new WebhookOutcome.Events(events);
    }

    @Override
    public String toString() {
        return "HttpEventWebhook";
    }
}
