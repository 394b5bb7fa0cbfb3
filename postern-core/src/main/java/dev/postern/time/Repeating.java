package dev.postern.time;

import java.time.Duration;

/** A task that schedules its next run after each run, until cancelled. */
final class Repeating implements Scheduler.Cancellable {
    private final Scheduler scheduler;
    private final Duration period;
    private final Runnable task;
    private volatile boolean cancelled;
    private volatile Scheduler.Cancellable next;

    Repeating(Scheduler scheduler, Duration period, Runnable task) {
        this.scheduler = scheduler;
        this.period = period;
        this.task = task;
    }

    void scheduleNext() {
        if (!cancelled) {
            next = scheduler.schedule(period, () -> {
                if (!cancelled) {
                    try {
                        task.run();
                    } finally {
                        scheduleNext();
                    }
                }
            });
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        Scheduler.Cancellable pending = next;
        if (pending != null) {
            pending.cancel();
        }
    }
}
