package dev.postern.server.events;

import dev.postern.outbox.store.StoredEvent;
import java.util.List;

/**
 * Hears the delivery events a webhook request stored, after they are durable: the live stream,
 * metrics, and the outbound dispatcher (which then looks at its queue at once). Must not block; a
 * listener that throws is logged and ignored, since the events are stored whatever it does.
 */
@FunctionalInterface
public interface DeliveryEventListener {
    void recorded(List<StoredEvent> events);
}
