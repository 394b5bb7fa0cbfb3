package dev.postern.event.internal;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Hands each event to every listener through the listener's own bounded queue ({@link
 * ListenerQueue}): publishing never waits for a listener, a listener that falls behind loses
 * events (counted per listener in {@link #dropped}), and one that throws is logged and skipped.
 */
public final class EventBus implements EventListener {
    /** Events a listener may have waiting before new ones are dropped for it. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final List<ListenerQueue> queues = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final int capacity;

    /**
     * @param executor runs each listener's drain; the default runs it on a virtual thread, tests
     *     pass {@code Runnable::run} to hear events on the publishing thread
     * @param capacity events each listener may have waiting
     */
    public EventBus(Executor executor, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event queue capacity must be >= 1, but was " + capacity);
        }
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Runs listeners on virtual threads named {@code postern-events}. */
    public static Executor virtualThreads() {
        var threads = Thread.ofVirtual().name("postern-events").factory();
        return task -> threads.newThread(task).start();
    }

    /** Adds {@code listener} under {@code name} (made unique with a suffix when taken), for the drop counts. */
    public synchronized void subscribe(String name, EventListener listener) {
        String unique = name;
        for (int n = 2; taken(unique); n++) {
            unique = name + "-" + n;
        }
        queues.add(new ListenerQueue(unique, listener, capacity, executor));
    }

    private boolean taken(String name) {
        return queues.stream().anyMatch(q -> q.name().equals(name));
    }

    @Override
    public void on(PosternEvent event) {
        for (ListenerQueue queue : queues) {
            queue.offer(event);
        }
    }

    /** Events dropped so far, by listener name, in subscription order. */
    public Map<String, Long> dropped() {
        Map<String, Long> dropped = new LinkedHashMap<>();
        queues.forEach(q -> dropped.put(q.name(), q.dropped()));
        return dropped;
    }
}
