package dev.postern.event;

/**
 * Receives every {@link PosternEvent}, attempts included. Each listener has a bounded queue of its
 * own and is called with one event at a time, in the order they were published, never on the
 * thread that sends: a slow listener cannot slow delivery, but once its queue is full it loses the
 * events that do not fit (counted in {@code Postern.droppedEvents()}). One that throws is logged
 * and ignored, and never affects delivery.
 */
@FunctionalInterface
public interface EventListener {
    void on(PosternEvent event);
}
