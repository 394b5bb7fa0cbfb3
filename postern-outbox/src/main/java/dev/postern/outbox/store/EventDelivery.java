package dev.postern.outbox.store;

import java.util.Objects;

/**
 * One event claimed from the outbound webhook's queue, to be POSTed by its claimant.
 *
 * @param event what to send
 * @param attempts how many times it was tried before this claim
 */
public record EventDelivery(StoredEvent event, int attempts) {

    public EventDelivery {
        Objects.requireNonNull(event, "event");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
        }
    }
}
