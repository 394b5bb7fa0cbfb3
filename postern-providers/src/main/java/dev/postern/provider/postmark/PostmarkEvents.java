package dev.postern.provider.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.transport.Correlation;
import dev.postern.provider.webhook.Details;
import dev.postern.provider.webhook.EventIds;
import dev.postern.provider.webhook.WebhookJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one Postmark webhook record by its {@code RecordType}
 * (https://postmarkapp.com/developer/webhooks/webhooks-overview). {@code MessageID} is what the send
 * call answered; {@code Metadata.postern_id} is what Postern sent. Bounce and spam-complaint records
 * carry an {@code ID}, the event id; the others get a digest of record type, message id, recipient
 * and time.
 *
 * <table>
 *   <caption>Postmark record → Postern event</caption>
 *   <tr><th>Postmark</th><th>Postern</th><th>why</th></tr>
 *   <tr><td>{@code Delivery}</td><td>delivered</td><td></td></tr>
 *   <tr><td>{@code Bounce}, {@code Type} {@code HardBounce} or {@code BadEmailAddress}</td>
 *       <td>bounced, hard</td><td>the address does not exist or cannot be one</td></tr>
 *   <tr><td>{@code Bounce}, {@code Type} {@code SpamComplaint}</td><td>complained</td><td></td></tr>
 *   <tr><td>{@code Bounce}, {@code Type} {@code Unsubscribe}</td><td>unsubscribed</td>
 *       <td>an unsubscribe request sent back by mail</td></tr>
 *   <tr><td>{@code Bounce}, {@code Type} {@code Subscribe}, {@code AutoResponder}, {@code
 *       AddressChange}, {@code OpenRelayTest}, {@code ChallengeVerification}, {@code InboundError},
 *       {@code ManuallyDeactivated}, {@code Unconfirmed}</td><td>skipped</td>
 *       <td>replies and notices, not delivery failures</td></tr>
 *   <tr><td>{@code Bounce}, any other {@code Type} ({@code SoftBounce}, {@code Transient}, {@code
 *       DnsError}, {@code Blocked}, {@code SpamNotification}, {@code Unknown}, types added later,
 *       …)</td><td>bounced, soft</td><td>not delivered, but the address is not known to be bad: never
 *       suppress on a guess</td></tr>
 *   <tr><td>{@code SpamComplaint}</td><td>complained</td><td></td></tr>
 *   <tr><td>{@code Open}</td><td>opened</td><td></td></tr>
 *   <tr><td>{@code Click}</td><td>clicked</td><td></td></tr>
 *   <tr><td>{@code SubscriptionChange}, {@code SuppressSending: true}, {@code SuppressionReason:
 *       ManualSuppression}</td><td>unsubscribed</td><td>the recipient unsubscribed; the other reasons
 *       repeat a bounce or complaint already reported, and {@code false} is a reactivation</td></tr>
 *   <tr><td>anything else</td><td>skipped</td><td></td></tr>
 * </table>
 */
final class PostmarkEvents {
    private static final Set<String> HARD = Set.of("HardBounce", "BadEmailAddress");
    private static final Set<String> NOT_FAILURES = Set.of(
            "Subscribe",
            "AutoResponder",
            "AddressChange",
            "OpenRelayTest",
            "ChallengeVerification",
            "InboundError",
            "ManuallyDeactivated",
            "Unconfirmed");

    private PostmarkEvents() {}

    /** The Postern event {@code record} reports; empty for one Postern skips or cannot attribute. */
    static Optional<DeliveryEvent> read(JsonNode record, Instant receivedAt) {
        String detail = Details.of(text(record, "Description"), text(record, "Details"));
        return switch (text(record, "RecordType")) {
            case "Delivery" -> event(record, receivedAt, DeliveryEventType.DELIVERED, null, "DeliveredAt", detail);
            case "Bounce" -> bounce(record, receivedAt, detail);
            case "SpamComplaint" -> event(record, receivedAt, DeliveryEventType.COMPLAINED, null, "BouncedAt", detail);
            case "Open" -> event(record, receivedAt, DeliveryEventType.OPENED, null, "ReceivedAt", "");
            case "Click" ->
                event(record, receivedAt, DeliveryEventType.CLICKED, null, "ReceivedAt", text(record, "OriginalLink"));
            case "SubscriptionChange" ->
                record.path("SuppressSending").asBoolean(false)
                                && text(record, "SuppressionReason").equals("ManualSuppression")
                        ? event(record, receivedAt, DeliveryEventType.UNSUBSCRIBED, null, "ChangedAt", "")
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<DeliveryEvent> bounce(JsonNode record, Instant receivedAt, String detail) {
        String type = text(record, "Type");
        if (NOT_FAILURES.contains(type)) {
            return Optional.empty();
        }
        return switch (type) {
            case "SpamComplaint" -> event(record, receivedAt, DeliveryEventType.COMPLAINED, null, "BouncedAt", detail);
            case "Unsubscribe" -> event(record, receivedAt, DeliveryEventType.UNSUBSCRIBED, null, "BouncedAt", detail);
            default ->
                event(
                        record,
                        receivedAt,
                        DeliveryEventType.BOUNCED,
                        HARD.contains(type) ? BounceKind.HARD : BounceKind.SOFT,
                        "BouncedAt",
                        detail);
        };
    }

    private static Optional<DeliveryEvent> event(
            JsonNode record,
            Instant receivedAt,
            DeliveryEventType type,
            BounceKind bounce,
            String timeField,
            String detail) {
        // bounce and spam-complaint records name the address Email, the others Recipient
        Optional<String> recipient = WebhookJson.text(record, "Recipient").or(() -> WebhookJson.text(record, "Email"));
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> messageId = WebhookJson.text(record, "MessageID");
        String time = text(record, timeField);
        String eventId = WebhookJson.text(record, "ID")
                .orElseGet(
                        () -> EventIds.digest(text(record, "RecordType"), messageId.orElse(""), recipient.get(), time));
        return Optional.of(new DeliveryEvent(
                eventId,
                type,
                recipient.get(),
                WebhookJson.text(record.path("Metadata"), Correlation.METADATA_KEY),
                messageId,
                instant(time).orElse(receivedAt),
                Optional.ofNullable(bounce),
                detail));
    }

    /** Postmark's times are ISO 8601 with an offset ({@code Z} or {@code -04:00}) and up to 7 decimals. */
    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty()
                    ? Optional.empty()
                    : Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        return WebhookJson.text(node, field).orElse("");
    }
}
