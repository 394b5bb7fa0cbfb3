package dev.postern.outbox.store;

import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a {@link Store} keeps delivery events (docs/events.md) and the outbound webhook's queue of
 * them. Same rules as the store: durable when a write returns, {@link StoreException} when the back
 * end cannot be used; {@code StoreContract} holds every back end to the same behaviour.
 */
public interface EventStore {

    /**
     * Records what provider {@code provider} (its configured name) reported in one request, in ONE
     * transaction: each event whose (provider, provider event id) is not stored yet is stored,
     * matched to its message (by the Postern id it carries when that message exists, else by the
     * provider's message id as the message's settled rounds recorded it; unmatched it is stored
     * without one); a hard bounce or complaint adds the address to {@code suppressions} unless it
     * is there; and, when {@code outbound}, each new event is queued for the outbound webhook.
     *
     * @return the events newly stored, in the given order; replays are left out
     */
    List<StoredEvent> recordEvents(String provider, List<DeliveryEvent> events, Instant receivedAt, boolean outbound);

    /** The latest {@code limit} events matched to message {@code messageId}, oldest first. */
    List<StoredEvent> messageEvents(String messageId, int limit);

    /** The latest {@code limit} events of {@code types} (every type when empty), newest first. */
    List<StoredEvent> recentEvents(Set<DeliveryEventType> types, int limit);

    /**
     * Claims up to {@code limit} queued outbound deliveries that are due at {@code now} (or whose
     * claimant's lease ended), leasing each to {@code owner} for {@code lease}, earliest due first.
     * Several gateways on one PostgreSQL store never claim the same row at once.
     */
    List<EventDelivery> claimDeliveries(Instant now, int limit, String owner, Duration lease);

    /**
     * Moves a claimed delivery as {@code result} says, if {@code owner} still holds its claim.
     *
     * @return false when the claim was lost (the lease ended and another claimant took it)
     */
    boolean settleDelivery(String eventId, String owner, DeliveryResult result);

    /** How many outbound deliveries wait (neither delivered nor given up). */
    long deliveryDepth();
}
