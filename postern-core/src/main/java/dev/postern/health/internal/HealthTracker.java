package dev.postern.health.internal;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheck;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.HealthResult;
import java.time.Clock;
import java.util.Optional;

/**
 * One provider's health as the probes see it. A provider starts healthy, turns unhealthy after
 * {@code unhealthyAfter} failed probes in a row (or at once when its credentials are refused), and
 * turns healthy again after {@code healthyAfter} passed probes in a row. Each change is an event.
 */
public final class HealthTracker {
    private final String provider;
    private final HealthCheckConfig config;
    private final Clock clock;
    private final EventListener events;
    private final Passed passed;

    private boolean healthy = true;
    private int failures;
    private int successes;
    private HealthCheck last;

    /** Told of each passing probe, after the tracker's own event if the probe ended an outage. */
    @FunctionalInterface
    public interface Passed {
        /** @param recoveryAnnounced true when this probe made the provider healthy (and said so) */
        void onPass(boolean recoveryAnnounced);
    }

    public HealthTracker(String provider, HealthCheckConfig config, Clock clock, EventListener events) {
        this(provider, config, clock, events, recovered -> {});
    }

    public HealthTracker(String provider, HealthCheckConfig config, Clock clock, EventListener events, Passed passed) {
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.passed = passed;
    }

    public void record(HealthResult result) {
        PosternEvent change = null;
        synchronized (this) {
            last = new HealthCheck(clock.instant(), result.healthy(), result.detail());
            if (result.healthy()) {
                failures = 0;
                successes++;
                if (!healthy && successes >= config.healthyAfter()) {
                    healthy = true;
                    change = new PosternEvent.ProviderRecovered(clock.instant(), provider);
                }
            } else {
                successes = 0;
                failures++;
                if (healthy && failures >= config.unhealthyAfter()) {
                    healthy = false;
                    change = new PosternEvent.ProviderUnhealthy(clock.instant(), provider, result.detail());
                }
            }
        }
        // The route follows the probe first (suspicion ends, an open breaker may try again), so that
        // whoever hears provider_recovered finds it routable. Published outside the lock: listeners
        // must not be able to stall probes or routing.
        if (result.healthy()) {
            passed.onPass(change != null);
        }
        if (change != null) {
            events.on(change);
        }
    }

    /**
     * Takes the provider out of rotation now, because a send found its credentials refused. Only
     * passing probes (which use the same credentials) bring it back.
     */
    public void markMisconfigured(String reason) {
        synchronized (this) {
            healthy = false;
            successes = 0;
        }
        events.on(new PosternEvent.Misconfigured(clock.instant(), provider, reason));
    }

    public synchronized boolean healthy() {
        return healthy;
    }

    public synchronized Optional<HealthCheck> lastCheck() {
        return Optional.ofNullable(last);
    }

    public HealthCheckConfig config() {
        return config;
    }
}
