package dev.postern.internal;

import dev.postern.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ages attempts in flight against their provider's {@code suspect_after}, a tick every {@link
 * #TICK} while any attempt is in flight, and not at all while none is — so an idle Postern, or a
 * test that moves a fake clock by days, pays nothing for it.
 */
public final class Watchdog {
    /** How often attempts in flight are aged: a hang is noticed within a tick of suspect_after. */
    static final Duration TICK = Duration.ofMillis(100);

    private final List<ProviderRoute> routes;
    private final Scheduler scheduler;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Scheduler.Cancellable next;

    public Watchdog(List<ProviderRoute> routes, Scheduler scheduler) {
        this.routes = List.copyOf(routes);
        this.scheduler = scheduler;
    }

    /** Called when an attempt starts: makes sure a tick is coming. */
    void arm() {
        if (!closed && armed.compareAndSet(false, true)) {
            next = scheduler.schedule(TICK, this::tick);
        }
    }

    private void tick() {
        routes.forEach(ProviderRoute::watch);
        if (closed) {
            return;
        }
        if (routes.stream().anyMatch(ProviderRoute::busy)) {
            next = scheduler.schedule(TICK, this::tick);
            return;
        }
        armed.set(false);
        // An attempt that started just now saw the watchdog armed and did not arm it: check again.
        if (routes.stream().anyMatch(ProviderRoute::busy)) {
            arm();
        }
    }

    public void close() {
        closed = true;
        Scheduler.Cancellable pending = next;
        if (pending != null) {
            pending.cancel();
        }
    }
}
