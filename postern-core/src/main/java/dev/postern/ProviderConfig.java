package dev.postern;

import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import dev.postern.ratelimit.RateLimitConfig;
import dev.postern.routing.AdaptiveSuspicion;
import java.time.Duration;
import java.util.Objects;

/**
 * How routing treats one provider.
 *
 * @param priority lower numbers are tried first; ties keep the order providers were added in
 * @param weight this provider's share of first attempts under the weighted strategy
 * @param breaker its circuit breaker
 * @param healthCheck its active health probes
 * @param rateLimit its sending limits, enforced before each attempt
 * @param suspectAfter how long an attempt may be in flight before the provider is {@code suspect}
 *     (docs/routing.md); {@link Duration#ZERO} turns suspicion off. Keep it under the adapter's
 *     request timeout, or a hang is noticed only by the timeout; the server checks this where it
 *     knows both, the library cannot (adapters own their timeouts).
 * @param adaptiveSuspicion whether, and how, suspicion comes sooner for a provider that usually
 *     answers fast ({@link AdaptiveSuspicion}); {@link AdaptiveSuspicion#OFF} by default
 */
public record ProviderConfig(
        int priority,
        int weight,
        BreakerConfig breaker,
        HealthCheckConfig healthCheck,
        RateLimitConfig rateLimit,
        Duration suspectAfter,
        AdaptiveSuspicion adaptiveSuspicion) {

    /** The default {@code suspect_after}: well under every adapter's default request timeout. */
    public static final Duration DEFAULT_SUSPECT_AFTER = Duration.ofSeconds(2);

    /** Priority 1, weight 1, the default breaker and health checks, no rate limit, suspect after 2 s. */
    public static final ProviderConfig DEFAULTS = new ProviderConfig(
            1,
            1,
            BreakerConfig.DEFAULTS,
            HealthCheckConfig.DEFAULTS,
            RateLimitConfig.NONE,
            DEFAULT_SUSPECT_AFTER,
            AdaptiveSuspicion.OFF);

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
        Objects.requireNonNull(suspectAfter, "suspect_after");
        if (suspectAfter.isNegative()) {
            throw new IllegalArgumentException("suspect_after must be >= 0 (0 = off), but was " + suspectAfter);
        }
        Objects.requireNonNull(adaptiveSuspicion, "adaptive suspicion");
    }

    /** Without adaptive suspicion. */
    public ProviderConfig(
            int priority,
            int weight,
            BreakerConfig breaker,
            HealthCheckConfig healthCheck,
            RateLimitConfig rateLimit,
            Duration suspectAfter) {
        this(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, AdaptiveSuspicion.OFF);
    }

    /** With the default {@code suspect_after}. */
    public ProviderConfig(
            int priority, int weight, BreakerConfig breaker, HealthCheckConfig healthCheck, RateLimitConfig rateLimit) {
        this(priority, weight, breaker, healthCheck, rateLimit, DEFAULT_SUSPECT_AFTER);
    }

    /** Without a rate limit ({@link RateLimitConfig#NONE}). */
    public ProviderConfig(int priority, int weight, BreakerConfig breaker, HealthCheckConfig healthCheck) {
        this(priority, weight, breaker, healthCheck, RateLimitConfig.NONE, DEFAULT_SUSPECT_AFTER);
    }

    public ProviderConfig withPriority(int priority) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    public ProviderConfig withWeight(int weight) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    public ProviderConfig withBreaker(BreakerConfig breaker) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    public ProviderConfig withHealthCheck(HealthCheckConfig healthCheck) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    public ProviderConfig withRateLimit(RateLimitConfig rateLimit) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    public ProviderConfig withSuspectAfter(Duration suspectAfter) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    public ProviderConfig withAdaptiveSuspicion(AdaptiveSuspicion adaptiveSuspicion) {
        return new ProviderConfig(priority, weight, breaker, healthCheck, rateLimit, suspectAfter, adaptiveSuspicion);
    }

    /** True when suspicion is on ({@code suspect_after} > 0). */
    public boolean suspicion() {
        return !suspectAfter.isZero();
    }
}
