package dev.postern.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a deferred message waits before its next round: {@code initial} after the first
 * deferral, doubling each round up to {@code max}, each wait shortened by a random part of up to
 * {@code jitter} of it, so that mail deferred together does not return together.
 */
public record RetryConfig(Duration initial, Duration max, double jitter) {

    /** 30 s doubling to 30 min, up to 20 % jitter ({@code routing.retry}, docs/configuration.md). */
    public static final RetryConfig DEFAULTS = new RetryConfig(Duration.ofSeconds(30), Duration.ofMinutes(30), 0.2);

    public RetryConfig {
        Objects.requireNonNull(initial, "retry.initial");
        Objects.requireNonNull(max, "retry.max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry.initial must be > 0, but was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry.max must be >= retry.initial (" + initial + "), but was " + max);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("retry.jitter must be in [0, 1), but was " + jitter);
        }
    }

    /**
     * The wait after the {@code round}-th deferral (1 for the first), before jitter.
     *
     * @throws IllegalArgumentException when round < 1
     */
    public Duration baseDelay(int round) {
        if (round < 1) {
            throw new IllegalArgumentException("round must be >= 1, but was " + round);
        }
        // Doubling past 2^30 overflows long nanos long after max caps it; stop shifting early.
        int doublings = Math.min(round - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** {@link #baseDelay} shortened by {@code unit × jitter} of it; {@code unit} is uniform in [0, 1). */
    public Duration delay(int round, double unit) {
        Duration base = baseDelay(round);
        return Duration.ofNanos(base.toNanos() - (long) (base.toNanos() * jitter * unit));
    }

    public RetryConfig withJitter(double jitter) {
        return new RetryConfig(initial, max, jitter);
    }
}
