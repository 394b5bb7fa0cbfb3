package dev.postern.spring;

import java.net.URI;
import java.time.Duration;

/**
 * One entry of {@code postern.providers}: the keys every provider shares, then each adapter's own
 * (docs/providers.md lists which type takes which). Unset keys are null; {@link ProviderFactory}
 * checks them against the adapter's rules and names the property in every message.
 *
 * @param name the provider's name in results, events, health and metrics
 * @param type {@code smtp}, {@code sendgrid}, {@code mailgun}, {@code ses}, {@code postmark},
 *     {@code resend}, {@code emailr} or {@code http}
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
        HealthCheck healthCheck,
        String apiKey,
        URI baseUrl,
        String domain,
        String region,
        String messageStream,
        String host,
        Integer port,
        String tls,
        String username,
        String password,
        String helo,
        Integer poolSize,
        String trustCertificate,
        Boolean trustAll,
        String accessKeyId,
        String secretAccessKey,
        String configurationSet,
        URI url,
        URI healthUrl,
        String authHeader) {

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
