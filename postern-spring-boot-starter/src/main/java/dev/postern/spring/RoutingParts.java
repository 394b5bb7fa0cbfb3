package dev.postern.spring;

import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import dev.postern.ratelimit.RateLimitConfig;
import java.util.Objects;

/**
 * A provider's {@code circuit_breaker}, {@code health_check} and {@code rate_limit} as core's
 * records, unset keys taking core's defaults; core's constructors check the values.
 */
final class RoutingParts {
    private RoutingParts() {}

    static BreakerConfig breaker(ProviderProperties.CircuitBreaker b) {
        BreakerConfig d = BreakerConfig.DEFAULTS;
        if (b == null) {
            return d;
        }
        return new BreakerConfig(
                or(b.window(), d.window()),
                or(b.minimumCalls(), d.minimumCalls()),
                or(b.failureRateThreshold(), d.failureRateThreshold()),
                or(b.slowCallDuration(), d.slowCallDuration()),
                or(b.slowCallRateThreshold(), d.slowCallRateThreshold()),
                or(b.openDuration(), d.openDuration()),
                or(b.halfOpenCalls(), d.halfOpenCalls()));
    }

    static HealthCheckConfig healthCheck(ProviderProperties.HealthCheck h) {
        HealthCheckConfig d = HealthCheckConfig.DEFAULTS;
        if (h == null) {
            return d;
        }
        return new HealthCheckConfig(
                or(h.interval(), d.interval()),
                d.jitter(),
                or(h.unhealthyAfter(), d.unhealthyAfter()),
                or(h.healthyAfter(), d.healthyAfter()));
    }

    static RateLimitConfig rateLimit(ProviderProperties.RateLimit r) {
        if (r == null) {
            return RateLimitConfig.NONE;
        }
        return new RateLimitConfig(or(r.perSecond(), 0), or(r.perDay(), 0L));
    }

    private static <T> T or(T value, T otherwise) {
        return Objects.requireNonNullElse(value, otherwise);
    }
}
