package dev.postern.health;

import java.time.Duration;
import java.util.Objects;

/**
 * Active health checks of one provider: a probe every {@code interval} (spread by up to {@code
 * jitter} of it, so that many gateways do not probe in step); {@code unhealthyAfter} failures in a
 * row take the provider out of rotation, {@code healthyAfter} successes in a row bring it back.
 */
public record HealthCheckConfig(Duration interval, double jitter, int unhealthyAfter, int healthyAfter) {

    /** Every 30 s ± 10 %, 2 failures → unhealthy, 2 successes → healthy (docs/routing.md). */
    public static final HealthCheckConfig DEFAULTS = new HealthCheckConfig(Duration.ofSeconds(30), 0.1, 2, 2);

    public HealthCheckConfig {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("interval must be >= 100ms, but was " + interval);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), but was " + jitter);
        }
        if (unhealthyAfter < 1) {
            throw new IllegalArgumentException("unhealthy_after must be >= 1, but was " + unhealthyAfter);
        }
        if (healthyAfter < 1) {
            throw new IllegalArgumentException("healthy_after must be >= 1, but was " + healthyAfter);
        }
    }

    public HealthCheckConfig withInterval(Duration interval) {
        return new HealthCheckConfig(interval, jitter, unhealthyAfter, healthyAfter);
    }

    public HealthCheckConfig withJitter(double jitter) {
        return new HealthCheckConfig(interval, jitter, unhealthyAfter, healthyAfter);
    }
}
