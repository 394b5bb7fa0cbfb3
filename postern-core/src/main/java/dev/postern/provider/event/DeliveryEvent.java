package dev.postern.provider.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a provider's webhook reported about one recipient of one message, normalised.
 *
 * @param eventId the provider's own id for the event, used to ignore its replays; for a provider
 *     that gives none, a digest of what identifies the event (message id, recipient, type, time)
 * @param type what happened
 * @param recipient the recipient's address, as the provider reports it
 * @param posternId Postern's message id, when the provider echoes the metadata Postern sent
 * @param providerMessageId the provider's id for the message, the one its send call answered
 * @param occurredAt when the provider says it happened
 * @param bounce for {@link DeliveryEventType#BOUNCED}, whether it is hard or soft; else empty
 * @param detail the receiving server's reply or the provider's reason, for people; "" when none
 */
public record DeliveryEvent(
        String eventId,
        DeliveryEventType type,
        String recipient,
        Optional<String> posternId,
        Optional<String> providerMessageId,
        Instant occurredAt,
        Optional<BounceKind> bounce,
        String detail) {

    public DeliveryEvent {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(posternId, "postern_id");
        Objects.requireNonNull(providerMessageId, "provider_message_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(bounce, "bounce");
        Objects.requireNonNull(detail, "detail");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("event_id must not be blank");
        }
        if (bounce.isPresent() != (type == DeliveryEventType.BOUNCED)) {
            throw new IllegalArgumentException(
                    "bounce must be given for a bounced event and only then, but type was " + type.wireName()
                            + " and bounce " + bounce.map(BounceKind::wireName).orElse("absent"));
        }
    }

    /**
     * True for what makes an address unusable at every provider: a hard bounce or a complaint.
     * Postern then suppresses the address.
     */
    public boolean suppresses() {
        return type == DeliveryEventType.COMPLAINED
                || bounce.filter(b -> b == BounceKind.HARD).isPresent();
    }
}
