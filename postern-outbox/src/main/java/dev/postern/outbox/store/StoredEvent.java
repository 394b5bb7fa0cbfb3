package dev.postern.outbox.store;

import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEventType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery event as Postern stored it: what the outbound webhook, {@code GET /v1/events} and
 * {@code GET /v1/messages/{id}} show, in one shape whatever the provider.
 *
 * @param id Postern's id for the event, unique; receivers of the outbound webhook de-duplicate on it
 * @param provider the configured name of the provider whose webhook reported it
 * @param providerEventId the provider's id for the event (replays of it are ignored)
 * @param messageId the Postern message it was matched to; empty when none was
 * @param recipient the recipient's address, in lower case
 * @param bounce for a bounce, hard or soft; else empty
 * @param detail the receiving server's reply or the provider's reason; "" when none
 * @param occurredAt when the provider says it happened
 * @param receivedAt when Postern received it
 */
public record StoredEvent(
        String id,
        String provider,
        String providerEventId,
        Optional<String> messageId,
        String recipient,
        DeliveryEventType type,
        Optional<BounceKind> bounce,
        String detail,
        Instant occurredAt,
        Instant receivedAt) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerEventId, "provider_event_id");
        Objects.requireNonNull(messageId, "message_id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bounce, "bounce");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(receivedAt, "received_at");
    }

    /** True for the events that settle where a recipient's mail ended: delivered, bounced, complained. */
    public boolean decisive() {
        return type == DeliveryEventType.DELIVERED
                || type == DeliveryEventType.BOUNCED
                || type == DeliveryEventType.COMPLAINED;
    }
}
