package dev.postern.event.internal;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each event to every listener; a listener that throws is logged and skipped. */
public final class EventBus implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(EventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void on(PosternEvent event) {
        for (EventListener listener : listeners) {
            try {
                listener.on(event);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                // Events describe delivery; they must never be able to stop it.
                LOG.warn("event listener {} failed on {}; ignored", listener, event.type(), t);
            }
        }
    }
}
