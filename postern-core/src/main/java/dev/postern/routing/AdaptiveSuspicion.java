package dev.postern.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * Suspicion that adapts to the provider's own latency: an attempt in flight longer than {@code
 * multiple} times the p99 of the provider's recent answers (at least {@code floor}, never more than
 * its {@code suspect_after}) makes it suspect, so a provider that answers in 30 ms is suspected
 * well before 2 s. Until {@link #MIN_SAMPLES} answers have been seen, {@code suspect_after} alone
 * counts. Off by default: a false suspicion reroutes attempts not yet handed over (harmless) and,
 * under {@code on_ambiguous: failover}, abandons those past hand-off (possible duplicates), so a
 * tight threshold trades duplicates for latency.
 *
 * @param multiple how many times the recent p99 an attempt may take; 0 turns adapting off
 * @param floor the shortest threshold adapting may set, > 0
 */
public record AdaptiveSuspicion(int multiple, Duration floor) {
    /** Answers remembered per provider: the p99 is taken over the last this many. */
    public static final int SAMPLES = 200;

    /** Answers needed before the threshold adapts. */
    public static final int MIN_SAMPLES = 50;

    /** The default floor when adapting is turned on. */
    public static final Duration DEFAULT_FLOOR = Duration.ofMillis(500);

    /** Adapting off: {@code suspect_after} alone counts. */
    public static final AdaptiveSuspicion OFF = new AdaptiveSuspicion(0, DEFAULT_FLOOR);

    public AdaptiveSuspicion {
        if (multiple < 0) {
            throw new IllegalArgumentException("suspect_p99_multiple must be >= 0 (0 = off), but was " + multiple);
        }
        Objects.requireNonNull(floor, "suspect_floor");
        if (floor.isNegative() || floor.isZero()) {
            throw new IllegalArgumentException("suspect_floor must be > 0, but was " + floor);
        }
    }

    public boolean on() {
        return multiple > 0;
    }

    /** The threshold for a provider whose recent p99 is {@code p99}: within [floor, ceiling]. */
    public Duration threshold(Duration p99, Duration ceiling) {
        Duration adapted = p99.multipliedBy(multiple);
        if (adapted.compareTo(floor) < 0) {
            adapted = floor;
        }
        return adapted.compareTo(ceiling) < 0 ? adapted : ceiling;
    }
}
