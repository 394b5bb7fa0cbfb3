package dev.postern.server.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * A drill to run: take {@code provider} out of rotation for {@code duration}, sending {@code probes}
 * synthetic messages to {@code drills.probe_to} spread over it.
 */
public record DrillRequest(String provider, Duration duration, int probes) {
    /** The longest drill: a provider out for longer is an outage, not a drill. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    /** At most one probe a second for the longest drill. */
    public static final int MAX_PROBES = 3600;

    public DrillRequest {
        Objects.requireNonNull(provider, "provider");
        if (duration == null || duration.toMillis() < 1000 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be from 1s to " + MAX_DURATION + ", but was " + duration);
        }
        if (probes < 0 || probes > MAX_PROBES) {
            throw new IllegalArgumentException("probes must be from 0 to " + MAX_PROBES + ", but was " + probes);
        }
    }
}
