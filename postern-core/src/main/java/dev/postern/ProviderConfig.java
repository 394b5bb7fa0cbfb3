package dev.postern;

import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import java.util.Objects;

/**
 * How routing treats one provider.
 *
 * @param priority lower numbers are tried first; ties keep the order providers were added in
 * @param weight this provider's share of first attempts under the weighted strategy
 * @param breaker its circuit breaker
 * @param healthCheck its active health probes
 */
public record ProviderConfig(int priority, int weight, BreakerConfig breaker, HealthCheckConfig healthCheck) {

    /** Priority 1, weight 1, the default breaker and health checks. */
    public static final ProviderConfig DEFAULTS =
            new ProviderConfig(1, 1, BreakerConfig.DEFAULTS, HealthCheckConfig.DEFAULTS);

    public ProviderConfig {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be >= 0, but was " + priority);
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be > 0, but was " + weight);
        }
        Objects.requireNonNull(breaker, "circuit_breaker");
        Objects.requireNonNull(healthCheck, "health_check");
    }

    public ProviderConfig withPriority(int priority) {
        return new ProviderConfig(priority, weight, breaker, healthCheck);
    }

    public ProviderConfig withWeight(int weight) {
        return new ProviderConfig(priority, weight, breaker, healthCheck);
    }

    public ProviderConfig withBreaker(BreakerConfig breaker) {
        return new ProviderConfig(priority, weight, breaker, healthCheck);
    }

    public ProviderConfig withHealthCheck(HealthCheckConfig healthCheck) {
        return new ProviderConfig(priority, weight, breaker, healthCheck);
    }
}
