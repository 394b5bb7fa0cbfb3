package dev.postern.sim;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds a simulator's fault and, for a flap, switches to each step when it falls due, telling the
 * simulator each time so that it can close or reopen its port. Public so that simulators of other
 * protocols (SMTP) flap the same way.
 */
final class FaultSchedule implements AutoCloseable {
    private final Consumer<Fault> onChange;
    private volatile Fault current = new Fault.Ok();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> next;

    FaultSchedule(Consumer<Fault> onChange) {
        this.onChange = onChange;
    }

    synchronized void set(Fault fault) {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (fault instanceof Fault.Flap flap) {
            step(flap, 0);
        } else {
            change(fault);
        }
    }

    Fault current() {
        return current;
    }

    private synchronized void step(Fault.Flap flap, int index) {
        Fault.Flap.Step step = flap.steps().get(index);
        change(step.fault());
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("sim-flap").factory());
        }
        next = timer.schedule(
                () -> step(flap, (index + 1) % flap.steps().size()),
                step.duration().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void change(Fault fault) {
        current = fault;
        onChange.accept(fault);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
