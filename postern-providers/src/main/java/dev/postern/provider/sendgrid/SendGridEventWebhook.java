package dev.postern.provider.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.webhook.TimestampSigned;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SendGrid's Signed Event Webhook: an ECDSA P-256 signature (SHA-256, DER, base64) over the
 * timestamp header's text followed by the raw body, in {@code X-Twilio-Email-Event-Webhook-Signature}
 * and {@code X-Twilio-Email-Event-Webhook-Timestamp}
 * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features).
 * The body is a JSON array of events, each read by {@link SendGridEvents}.
 */
final class SendGridEventWebhook implements EventWebhook {
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final TimestampSigned STEPS = new TimestampSigned(SIGNATURE, TIMESTAMP, "verification key");

    private final ECPublicKey key;

    SendGridEventWebhook(ECPublicKey key) {
        this.key = key;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        return STEPS.receive(request, this::verified, SendGridEventWebhook::events);
    }

    private boolean verified(String signature, String timestamp, byte[] body) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // not base64, or not a DER signature: as unverified as a wrong one
            return false;
        }
    }

    private static WebhookOutcome events(JsonNode json, Instant receivedAt) {
        if (!json.isArray()) {
            return new WebhookOutcome.Malformed("the body is not a JSON array of events");
        }
        List<DeliveryEvent> events = new ArrayList<>();
        for (JsonNode event : json) {
            SendGridEvents.read(event, receivedAt).ifPresent(events::add);
        }
        return new WebhookOutcome.Events(events);
    }

    @Override
    public String toString() {
        return "SendGridEventWebhook";
    }
}
