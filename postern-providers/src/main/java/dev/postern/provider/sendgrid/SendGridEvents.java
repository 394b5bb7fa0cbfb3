package dev.postern.provider.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.transport.Correlation;
import dev.postern.provider.webhook.Details;
import dev.postern.provider.webhook.EventIds;
import dev.postern.provider.webhook.Freshness;
import dev.postern.provider.webhook.WebhookJson;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one event of SendGrid's Event Webhook
 * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event). {@code sg_event_id}
 * is the event id; {@code sg_message_id}'s part before the first '.' is the {@code X-Message-Id}
 * that the send call answered (what the adapter stored); Postern's {@code custom_args} come back as
 * fields of the event, so {@code postern_id} is read at its top.
 *
 * <table>
 *   <caption>SendGrid event → Postern event</caption>
 *   <tr><th>SendGrid</th><th>Postern</th><th>why</th></tr>
 *   <tr><td>{@code processed}</td><td>skipped</td><td>SendGrid took the message: not a delivery event</td></tr>
 *   <tr><td>{@code delivered}</td><td>delivered</td><td></td></tr>
 *   <tr><td>{@code deferred}</td><td>deferred</td><td>SendGrid retries for up to 72 hours</td></tr>
 *   <tr><td>{@code bounce}, {@code type: bounce} (or no type)</td><td>bounced, hard</td>
 *       <td>the receiving server refused the address for good; SendGrid puts it on its bounce list</td></tr>
 *   <tr><td>{@code bounce}, {@code type: blocked}</td><td>bounced, soft</td>
 *       <td>refused for the message or the sending IP, not the address; SendGrid does not suppress blocks</td></tr>
 *   <tr><td>{@code dropped}, reason {@code Bounced Address} or {@code Invalid}</td><td>bounced, hard</td>
 *       <td>SendGrid did not try: the address is on its bounce or invalid-address list</td></tr>
 *   <tr><td>{@code dropped}, reason {@code Spam Reporting Address}</td><td>complained</td>
 *       <td>the recipient reported the sender as spam before</td></tr>
 *   <tr><td>{@code dropped}, any other reason (unsubscribed, spam content, invalid SMTPAPI
 *       header, …)</td><td>bounced, soft</td><td>this message did not go, but nothing says the address is bad</td></tr>
 *   <tr><td>{@code spamreport}</td><td>complained</td><td></td></tr>
 *   <tr><td>{@code open}</td><td>opened</td><td></td></tr>
 *   <tr><td>{@code click}</td><td>clicked</td><td></td></tr>
 *   <tr><td>{@code unsubscribe}, {@code group_unsubscribe}</td><td>unsubscribed</td><td></td></tr>
 *   <tr><td>anything else ({@code group_resubscribe}, account events, …)</td><td>skipped</td><td></td></tr>
 * </table>
 */
final class SendGridEvents {
    private SendGridEvents() {}

    /**
     * The Postern event {@code event} reports; empty for one Postern skips or cannot attribute (no
     * {@code email}). An event without a readable {@code timestamp} is dated {@code receivedAt}.
     */
    static Optional<DeliveryEvent> read(JsonNode event, Instant receivedAt) {
        Optional<String> recipient = WebhookJson.text(event, "email");
        if (!event.isObject() || recipient.isEmpty()) {
            return Optional.empty();
        }
        String type = WebhookJson.text(event, "event").orElse("");
        String reason = WebhookJson.text(event, "reason").orElse("");
        String status = WebhookJson.text(event, "status").orElse("");
        String response = WebhookJson.text(event, "response").orElse("");
        return switch (type) {
            case "delivered" -> event(event, receivedAt, DeliveryEventType.DELIVERED, null, Details.of(response));
            case "deferred" -> event(event, receivedAt, DeliveryEventType.DEFERRED, null, Details.of(response, reason));
            case "bounce" -> {
                boolean blocked =
                        WebhookJson.text(event, "type").orElse("bounce").equals("blocked");
                yield event(
                        event,
                        receivedAt,
                        DeliveryEventType.BOUNCED,
                        blocked ? BounceKind.SOFT : BounceKind.HARD,
                        Details.of(status, reason));
            }
            case "dropped" -> dropped(event, receivedAt, reason);
            case "spamreport" -> event(event, receivedAt, DeliveryEventType.COMPLAINED, null, "");
            case "open" -> event(event, receivedAt, DeliveryEventType.OPENED, null, "");
            case "click" ->
                event(
                        event,
                        receivedAt,
                        DeliveryEventType.CLICKED,
                        null,
                        WebhookJson.text(event, "url").orElse(""));
            case "unsubscribe", "group_unsubscribe" ->
                event(event, receivedAt, DeliveryEventType.UNSUBSCRIBED, null, "");
            default -> Optional.empty();
        };
    }

    private static Optional<DeliveryEvent> dropped(JsonNode event, Instant receivedAt, String reason) {
        String detail = Details.of("dropped", reason);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.equals("bounced address") || lower.equals("invalid")) {
            return event(event, receivedAt, DeliveryEventType.BOUNCED, BounceKind.HARD, detail);
        }
        if (lower.equals("spam reporting address")) {
            return event(event, receivedAt, DeliveryEventType.COMPLAINED, null, detail);
        }
        return event(event, receivedAt, DeliveryEventType.BOUNCED, BounceKind.SOFT, detail);
    }

    private static Optional<DeliveryEvent> event(
            JsonNode event, Instant receivedAt, DeliveryEventType type, BounceKind bounce, String detail) {
        String recipient = WebhookJson.text(event, "email").orElseThrow();
        Optional<String> timestamp = WebhookJson.text(event, "timestamp");
        Instant at = timestamp.flatMap(Freshness::epochSeconds).orElse(receivedAt);
        Optional<String> messageId = WebhookJson.text(event, "sg_message_id").map(SendGridEvents::sentId);
        String eventId = WebhookJson.text(event, "sg_event_id")
                // SendGrid documents sg_event_id on every event; a digest keeps a stray one usable
                .orElseGet(
                        () -> EventIds.digest(type.wireName(), messageId.orElse(""), recipient, timestamp.orElse("")));
        return Optional.of(new DeliveryEvent(
                eventId,
                type,
                recipient,
                WebhookJson.text(event, Correlation.METADATA_KEY),
                messageId,
                at,
                Optional.ofNullable(bounce),
                detail));
    }

    /** The {@code X-Message-Id} within an {@code sg_message_id}: everything before the first '.'. */
    static String sentId(String sgMessageId) {
        int dot = sgMessageId.indexOf('.');
        return dot < 0 ? sgMessageId : sgMessageId.substring(0, dot);
    }
}
