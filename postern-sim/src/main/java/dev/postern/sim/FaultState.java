package dev.postern.sim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A simulator's faults over time, shared by every kind of simulator: the fault in force (a flap
 * switches steps on schedule), its port closed while {@code down} and reopened on the same port
 * after, and requests held while a hang lasts.
 */
public final class FaultState implements AutoCloseable {
    /** How long a request is held at most, so a forgotten fault cannot hold threads forever. */
    private static final Duration MAX_HANG = Duration.ofMinutes(10);

    /** The simulator's listening port, opened and closed as faults come and go. */
    public interface Port {
        void open();

        void close();

        boolean isOpen();
    }

    private final Port port;
    private final FaultSchedule schedule = new FaultSchedule(this::apply);
    private final Object lifecycle = new Object();
    private volatile CountDownLatch hangRelease = new CountDownLatch(1);
    private boolean closed;

    public FaultState(Port port) {
        this.port = port;
    }

    /** Opens the port (normal service). */
    public void start() {
        synchronized (lifecycle) {
            port.open();
        }
    }

    public void set(Fault fault) {
        schedule.set(fault);
    }

    /** The fault in force now (for a flap, its current step). */
    public Fault current() {
        return schedule.current();
    }

    /**
     * While a hanging fault ({@code hang}, {@code hang_greeting}) is in force, blocks until it ends
     * or the simulator closes; returns true if it blocked.
     */
    public boolean holdWhileHanging() {
        if (!Fault.holds(current())) {
            return false;
        }
        try {
            hangRelease.await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Stops the schedule, releases held requests and closes the port. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            schedule.close();
            hangRelease.countDown();
            port.close();
        }
    }

    private void apply(Fault fault) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (!Fault.holds(fault)) {
                hangRelease.countDown();
            } else if (hangRelease.getCount() == 0) {
                hangRelease = new CountDownLatch(1);
            }
            if (fault instanceof Fault.Down) {
                port.close();
            } else if (!port.isOpen()) {
                port.open();
            }
        }
    }
}
