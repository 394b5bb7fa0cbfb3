package dev.postern.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's circuit breaker: over the last {@code window} attempts (once at least {@code
 * minimumCalls} were made), the breaker opens when {@code failureRateThreshold} percent failed or
 * {@code slowCallRateThreshold} percent took longer than {@code slowCallDuration}. It stays open
 * for {@code openDuration}, then lets {@code halfOpenCalls} trial attempts decide whether to close.
 *
 * <p>Only provider trouble counts as failure ({@code Unavailable}, {@code Ambiguous}); rejections,
 * rate limits and bad credentials do not charge the breaker.
 */
public record BreakerConfig(
        int window,
        int minimumCalls,
        int failureRateThreshold,
        Duration slowCallDuration,
        int slowCallRateThreshold,
        Duration openDuration,
        int halfOpenCalls) {

    /** The defaults of docs/routing.md: window 20, minimum 5, 50 %, slow 5 s at 50 %, open 60 s, 3 trials. */
    public static final BreakerConfig DEFAULTS =
            new BreakerConfig(20, 5, 50, Duration.ofSeconds(5), 50, Duration.ofSeconds(60), 3);

    public BreakerConfig {
        positive("window", window);
        positive("minimum_calls", minimumCalls);
        percent("failure_rate_threshold", failureRateThreshold);
        percent("slow_call_rate_threshold", slowCallRateThreshold);
        positive("half_open_calls", halfOpenCalls);
        positive("slow_call_duration", slowCallDuration);
        positive("open_duration", openDuration);
        if (minimumCalls > window) {
            throw new IllegalArgumentException(
                    "minimum_calls must be <= window (" + window + "), but was " + minimumCalls);
        }
    }

    public BreakerConfig withWindow(int window, int minimumCalls) {
        return new BreakerConfig(
                window,
                minimumCalls,
                failureRateThreshold,
                slowCallDuration,
                slowCallRateThreshold,
                openDuration,
                halfOpenCalls);
    }

    public BreakerConfig withFailureRateThreshold(int percent) {
        return new BreakerConfig(
                window, minimumCalls, percent, slowCallDuration, slowCallRateThreshold, openDuration, halfOpenCalls);
    }

    public BreakerConfig withSlowCalls(Duration duration, int ratePercent) {
        return new BreakerConfig(
                window, minimumCalls, failureRateThreshold, duration, ratePercent, openDuration, halfOpenCalls);
    }

    public BreakerConfig withOpenDuration(Duration openDuration) {
        return new BreakerConfig(
                window,
                minimumCalls,
                failureRateThreshold,
                slowCallDuration,
                slowCallRateThreshold,
                openDuration,
                halfOpenCalls);
    }

    public BreakerConfig withHalfOpenCalls(int halfOpenCalls) {
        return new BreakerConfig(
                window,
                minimumCalls,
                failureRateThreshold,
                slowCallDuration,
                slowCallRateThreshold,
                openDuration,
                halfOpenCalls);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, but was " + value);
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be > 0, but was " + value);
        }
    }

    private static void percent(String field, int value) {
        if (value <= 0 || value > 100) {
            throw new IllegalArgumentException(field + " must be in 1..100, but was " + value);
        }
    }
}
