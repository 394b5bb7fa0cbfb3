package dev.postern.event.internal;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's bounded queue and the single drain that calls it, in publishing order, on the
 * {@link Executor}. {@link #offer} never blocks: when the queue is full the event is dropped and
 * counted, so a listener that falls behind loses events instead of slowing whoever published.
 */
final class ListenerQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerQueue.class);
    /** Drops are logged at the first and then every this many, so a stuck listener cannot flood the log. */
    private static final long LOG_EVERY = 10_000;

    private final String name;
    private final EventListener listener;
    private final BlockingQueue<PosternEvent> queue;
    private final Executor executor;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    ListenerQueue(String name, EventListener listener, int capacity, Executor executor) {
        this.name = name;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
    }

    String name() {
        return name;
    }

    long dropped() {
        return dropped.get();
    }

    void offer(PosternEvent event) {
        if (!queue.offer(event)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % LOG_EVERY == 0) {
                LOG.warn("event listener '{}' is falling behind: {} events dropped so far", name, n);
            }
            return;
        }
        drainSoon();
    }

    /** Starts a drain unless one runs: at most one thread calls the listener at a time. */
    private void drainSoon() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            LOG.warn("event listener '{}' could not be scheduled; its events wait for the next one", name, e);
        }
    }

    private void drain() {
        try {
            for (PosternEvent event = queue.poll(); event != null; event = queue.poll()) {
                deliver(event);
            }
        } finally {
            draining.set(false);
        }
        // An event offered after the last poll but before the flag cleared found the drain busy.
        if (!queue.isEmpty()) {
            drainSoon();
        }
    }

    private void deliver(PosternEvent event) {
        try {
            listener.on(event);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            // Events describe delivery; they must never be able to stop it.
            LOG.warn("event listener '{}' failed on {}; ignored", name, event.type(), t);
        }
    }
}
