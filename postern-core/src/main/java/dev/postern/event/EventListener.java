package dev.postern.event;

/**
 * Receives every {@link PosternEvent}. Listeners are called on the thread that caused the event,
 * so they must be quick; one that throws is logged and ignored, and never affects delivery.
 */
@FunctionalInterface
public interface EventListener {
    void on(PosternEvent event);
}
