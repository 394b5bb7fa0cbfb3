package dev.postern.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay. Everything in Postern that waits, expires or repeats goes through a
 * {@code Scheduler} and a {@link java.time.Clock}, so tests move time instead of sleeping.
 *
 * <p>Tasks must not block the scheduler for long: implementations may run them on a shared thread.
 */
public interface Scheduler {

    /** Runs {@code task} once, {@code delay} from now. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, the first time one period from now, until cancelled. */
    default Cancellable every(Duration period, Runnable task) {
        var repeating = new Repeating(this, period, task);
        repeating.scheduleNext();
        return repeating;
    }

    /** A scheduled task that has not run yet can be cancelled; cancelling twice is harmless. */
    interface Cancellable {
        void cancel();
    }

    /**
     * A scheduler on the system clock: one daemon timer thread hands each task to its own virtual
     * thread, so a slow task (a health probe to a hung provider) never delays the others.
     */
    static Scheduler system() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("postern-timer").factory());
        return (delay, task) -> {
            var future = timer.schedule(
                    () -> Thread.ofVirtual().name("postern-task").start(task),
                    Math.max(0, delay.toNanos()),
                    TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
