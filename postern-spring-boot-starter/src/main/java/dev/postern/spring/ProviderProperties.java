package dev.postern.spring;

import java.time.Duration;

/**
 * One entry of {@code postern.providers}: the keys every provider shares. The keys of the entry's
 * provider type ({@code api-key}, {@code host}, …; docs/providers.md lists them per type) are read
 * by that type from the same entry ({@link ProviderFactory}), so a type on the class path needs
 * nothing here. Unset keys are null.
 *
 * @param name the provider's name in results, events, health and metrics
 * @param type a provider type on the class path: {@code smtp}, {@code sendgrid}, {@code mailgun},
 *     {@code postmark}, {@code resend}, {@code emailr}, {@code http}, and {@code ses} with {@code
 *     postern-ses}
 * @param priority lower is tried first; defaults to the position in the list (1, 2, …)
 * @param weight share of first attempts under the weighted strategy; defaults to 1
 * @param timeouts {@code timeouts.connect} and {@code timeouts.request} (SMTP: request bounds each command)
 */
public record ProviderProperties(
        String name,
        String type,
        Integer priority,
        Integer weight,
        Timeouts timeouts,
        RateLimit rateLimit,
        CircuitBreaker circuitBreaker,
        HealthCheck healthCheck) {

    /** {@code timeouts.connect} and {@code timeouts.request}; unset ones take the adapter's default. */
    public record Timeouts(Duration connect, Duration request) {}

    /** {@code rate_limit}: token buckets routing enforces before each attempt; unset is no limit. */
    public record RateLimit(Integer perSecond, Long perDay) {}

    /** {@code circuit_breaker}; unset keys take {@code BreakerConfig.DEFAULTS}. */
    public record CircuitBreaker(
            Integer window,
            Integer minimumCalls,
            Integer failureRateThreshold,
            Duration slowCallDuration,
            Integer slowCallRateThreshold,
            Duration openDuration,
            Integer halfOpenCalls) {}

    /** {@code health_check}; unset keys take {@code HealthCheckConfig.DEFAULTS}. */
    public record HealthCheck(Duration interval, Integer unhealthyAfter, Integer healthyAfter) {}
}
