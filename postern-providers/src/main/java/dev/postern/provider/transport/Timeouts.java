package dev.postern.provider.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an adapter waits: to connect, and for the whole request (answer included). Every
 * network call of every adapter is bounded by these.
 */
public record Timeouts(Duration connect, Duration request) {

    /** Connect 2 s, request 10 s (docs/configuration.md). */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));

    public Timeouts {
        positive("connect", connect);
        positive("request", request);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("timeouts." + field + " must be > 0, but was " + value);
        }
    }
}
