package dev.postern.server.events;

import dev.postern.outbox.store.EventStore;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.DeliveryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where verified delivery events enter Postern: stored in one transaction (matched, de-duplicated,
 * suppressing, queued for the outbound webhook when one is configured; see {@link
 * EventStore#recordEvents}), then told to the listeners.
 */
public final class EventIntake {
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

    private final EventStore store;
    private final boolean outbound;
    private final List<DeliveryEventListener> listeners;

    /**
     * @param outbound whether an outbound webhook is configured, so that new events are queued for it
     */
    public EventIntake(EventStore store, boolean outbound, List<DeliveryEventListener> listeners) {
        this.store = Objects.requireNonNull(store, "store");
        this.outbound = outbound;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Stores what provider {@code provider} reported; returns the events new to Postern.
     *
     * @throws dev.postern.outbox.store.StoreException when the store cannot take them: the provider
     *     is then answered 5xx and sends them again
     */
    public List<StoredEvent> record(String provider, List<DeliveryEvent> events, Instant receivedAt) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<StoredEvent> recorded = store.recordEvents(provider, events, receivedAt, outbound);
        if (!recorded.isEmpty()) {
            for (DeliveryEventListener listener : listeners) {
                try {
                    listener.recorded(recorded);
                } catch (RuntimeException e) {
                    // the events are stored; a listener's failure must not turn that into a 5xx and a resend
                    LOG.warn("a delivery-event listener failed; ignored", e);
                }
            }
        }
        return recorded;
    }
}
