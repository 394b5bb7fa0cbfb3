package dev.postern.testing;

import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler that move only when a test says so. {@link #advance} runs every task
 * that falls due on the way, in time order, on the calling thread.
 */
public final class FakeTime extends Clock implements Scheduler {
    private record Task(Instant due, long seq, Runnable run, boolean[] cancelled) {}

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::seq));
    private Instant now;
    private long seq;

    public FakeTime() {
        this(Instant.parse("2026-01-05T09:00:00Z"));
    }

    public FakeTime(Instant start) {
        this.now = start;
    }

    /** Moves time forward by {@code duration}, running each task that falls due, when it falls due. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due().isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.due();
            }
            if (!next.cancelled()[0]) {
                next.run().run();
            }
        }
    }

    /** How many tasks wait to run. */
    public synchronized long pendingTasks() {
        return tasks.stream().filter(t -> !t.cancelled()[0]).count();
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeTime is always UTC");
    }
}
