package dev.postern;

import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import dev.postern.ratelimit.RateLimitConfig;
import java.util.Objects;

/**
 * How routing treats one provider.
 *
 * @param priority lower numbers are tried first; ties keep the order providers were added in
 * @param weight this provider's share of first attempts under the weighted strategy
 * @param breaker its circuit breaker
 * @param healthCheck its active health probes
 * @param rateLimit its sending limits, enforced before each attempt
 */
public record ProviderConfig(
        int priority, int weight, BreakerConfig breaker, HealthCheckConfig healthCheck, RateLimitConfig rateLimit) {

    /** Priority 1, weight 1, the default breaker and health checks, no rate limit. */
    public static final ProviderConfig DEFAULTS =
            new ProviderConfig(1, 1, BreakerConfig.DEFAULTS, HealthCheckConfig.DEFAULTS, RateLimitConfig.NONE);

    public ProviderConfig {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be >= 0, but was " + priority);
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be > 0, but was " + weight);
        }
        Objects.requireNonNull(breaker, "circuit_breaker");
        Objects.requireNonNull(healthCheck, "health_check");
        Objects.requireNonNull(rateLimit, "rate_limit");
    }

    /** Without a rate limit ({@link RateLimitConfig#NONE}). */
    public ProviderConfig(int priority, int weight, BreakerConfig breaker, HealthCheckConfig healthCheck) {
        this(priority, weight, breaker, healthCheck, RateLimitConfig.NONE);
    }

    public ProviderConfig withPriority(int priority) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit);
    }

    public ProviderConfig withWeight(int weight) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit);
    }

    public ProviderConfig withBreaker(BreakerConfig breaker) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit);
    }

    public ProviderConfig withHealthCheck(HealthCheckConfig healthCheck) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit);
    }

    public ProviderConfig withRateLimit(RateLimitConfig rateLimit) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit);
    }
}
