package dev.postern.provider.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.transport.Correlation;
import dev.postern.provider.webhook.Details;
import dev.postern.provider.webhook.EventIds;
import dev.postern.provider.webhook.WebhookJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Mailgun's {@code event-data}
 * (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads). {@code id}
 * is the event id; {@code message.headers.message-id} is the provider message id, given angle
 * brackets because the send call's {@code id} (which the adapter stored) has them; {@code
 * user-variables.postern_id} is what Postern sent as {@code v:postern_id}.
 *
 * <table>
 *   <caption>Mailgun event → Postern event</caption>
 *   <tr><th>Mailgun</th><th>Postern</th><th>why</th></tr>
 *   <tr><td>{@code accepted}</td><td>skipped</td><td>Mailgun took the message: not a delivery event</td></tr>
 *   <tr><td>{@code delivered}</td><td>delivered</td><td></td></tr>
 *   <tr><td>{@code failed}, {@code severity: temporary}</td><td>deferred</td><td>Mailgun retries it</td></tr>
 *   <tr><td>{@code failed}, {@code severity: permanent}, reason {@code suppress-complaint}</td><td>complained</td>
 *       <td>dropped because the recipient complained before</td></tr>
 *   <tr><td>{@code failed}, permanent, reason {@code old}, {@code espblock} or {@code suppress-unsubscribe}</td>
 *       <td>bounced, soft</td><td>given up on this message (too long retried, blocked by the receiving
 *       provider, or unsubscribed), but nothing says the address is bad</td></tr>
 *   <tr><td>{@code failed}, permanent, any other reason ({@code bounce}, {@code suppress-bounce}, …)</td>
 *       <td>bounced, hard</td><td>the address was refused for good, now or before</td></tr>
 *   <tr><td>{@code complained}</td><td>complained</td><td></td></tr>
 *   <tr><td>{@code opened}, {@code clicked}, {@code unsubscribed}</td>
 *       <td>opened, clicked, unsubscribed</td><td></td></tr>
 *   <tr><td>anything else</td><td>skipped</td><td></td></tr>
 * </table>
 */
final class MailgunEvents {
    private MailgunEvents() {}

    /** The Postern event {@code data} reports; empty for one Postern skips or cannot attribute. */
    static Optional<DeliveryEvent> read(JsonNode data, Instant receivedAt) {
        if (WebhookJson.text(data, "recipient").isEmpty()) {
            return Optional.empty();
        }
        JsonNode status = data.path("delivery-status");
        String detail = Details.of(
                WebhookJson.text(status, "code").orElse(null),
                WebhookJson.text(status, "message").orElse(null),
                WebhookJson.text(status, "description").orElse(null));
        return switch (WebhookJson.text(data, "event").orElse("")) {
            case "delivered" -> event(data, receivedAt, DeliveryEventType.DELIVERED, null, detail);
            case "failed" -> failed(data, receivedAt, detail);
            case "complained" -> event(data, receivedAt, DeliveryEventType.COMPLAINED, null, detail);
            case "opened" -> event(data, receivedAt, DeliveryEventType.OPENED, null, "");
            case "clicked" -> event(data, receivedAt, DeliveryEventType.CLICKED, null, text(data, "url"));
            case "unsubscribed" -> event(data, receivedAt, DeliveryEventType.UNSUBSCRIBED, null, "");
            default -> Optional.empty();
        };
    }

    private static Optional<DeliveryEvent> failed(JsonNode data, Instant receivedAt, String detail) {
        String why = detail.isEmpty() ? text(data, "reason") : detail;
        if (!text(data, "severity").equals("permanent")) {
            return event(data, receivedAt, DeliveryEventType.DEFERRED, null, why);
        }
        return switch (text(data, "reason")) {
            case "suppress-complaint" -> event(data, receivedAt, DeliveryEventType.COMPLAINED, null, why);
            case "old", "espblock", "suppress-unsubscribe" ->
                event(data, receivedAt, DeliveryEventType.BOUNCED, BounceKind.SOFT, why);
            default -> event(data, receivedAt, DeliveryEventType.BOUNCED, BounceKind.HARD, why);
        };
    }

    private static Optional<DeliveryEvent> event(
            JsonNode data, Instant receivedAt, DeliveryEventType type, BounceKind bounce, String detail) {
        String recipient = text(data, "recipient");
        Optional<String> messageId = WebhookJson.text(data.path("message").path("headers"), "message-id")
                .map(id -> id.startsWith("<") ? id : "<" + id + ">");
        Instant at = occurredAt(data).orElse(receivedAt);
        String eventId = WebhookJson.text(data, "id")
                .orElseGet(() -> EventIds.digest(type.wireName(), messageId.orElse(""), recipient, at.toString()));
        return Optional.of(new DeliveryEvent(
                eventId,
                type,
                recipient,
                WebhookJson.text(data.path("user-variables"), Correlation.METADATA_KEY),
                messageId,
                at,
                Optional.ofNullable(bounce),
                detail));
    }

    /** {@code timestamp}: epoch seconds with a fraction (microseconds). */
    private static Optional<Instant> occurredAt(JsonNode data) {
        JsonNode timestamp = data.path("timestamp");
        if (!timestamp.isNumber() || timestamp.asDouble() < 0 || timestamp.asDouble() > 1e11) {
            return Optional.empty();
        }
        BigDecimal seconds = timestamp.decimalValue();
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }

    private static String text(JsonNode node, String field) {
        return WebhookJson.text(node, field).orElse("");
    }
}
