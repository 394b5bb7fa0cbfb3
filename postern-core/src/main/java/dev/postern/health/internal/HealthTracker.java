package dev.postern.health.internal;

import dev.postern.health.HealthCheck;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.HealthResult;
import java.time.Clock;
import java.util.Optional;

/**
 * One provider's health as the probes see it. A provider starts healthy, turns unhealthy after
 * {@code unhealthyAfter} failed probes in a row (or at once when its credentials are refused), and
 * turns healthy again after {@code healthyAfter} passed probes in a row. It announces nothing: each
 * {@link #record} says what changed, and the provider's route publishes it.
 */
public final class HealthTracker {
    private final HealthCheckConfig config;
    private final Clock clock;

    private boolean healthy = true;
    private int failures;
    private int successes;
    private HealthCheck last;

    /** What one probe changed. */
    public enum Change {
        NONE,
        /** The probe made an unhealthy provider healthy. */
        RECOVERED,
        /** The probe made a healthy provider unhealthy. */
        UNHEALTHY
    }

    public HealthTracker(HealthCheckConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized Change record(HealthResult result) {
        last = new HealthCheck(clock.instant(), result.healthy(), result.detail());
        if (result.healthy()) {
            failures = 0;
            successes++;
            if (!healthy && successes >= config.healthyAfter()) {
                healthy = true;
                return Change.RECOVERED;
            }
        } else {
            successes = 0;
            failures++;
            if (healthy && failures >= config.unhealthyAfter()) {
                healthy = false;
                return Change.UNHEALTHY;
            }
        }
        return Change.NONE;
    }

    /**
     * Takes the provider out of rotation now, because a send found its credentials refused. Only
     * passing probes (which use the same credentials) bring it back.
     */
    public synchronized void markMisconfigured() {
        healthy = false;
        successes = 0;
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
