package dev.postern.sim.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event about one recipient of one accepted message, before a {@link WebhookFormat} words it.
 *
 * @param eventId unique per event; formats use it where the provider has an event id
 */
public record OutgoingEvent(String eventId, EventKind kind, String recipient, EventMessage message, Instant at) {
    public OutgoingEvent {
        Objects.requireNonNull(eventId, "eventId must be present, but was null");
        Objects.requireNonNull(kind, "kind must be present, but was null");
        Objects.requireNonNull(message, "message must be present, but was null");
        Objects.requireNonNull(at, "at must be present, but was null");
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("recipient must not be blank, but was '" + recipient + "'");
        }
    }
}
