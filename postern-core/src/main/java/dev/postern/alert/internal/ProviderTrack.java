package dev.postern.alert.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * What the alerter knows of a provider outside its incident: the failed attempts and failovers
 * since its last good answer (so an incident that opens later starts with them, and nothing seen
 * before it opened is lost), and how long it has been rate limiting without a break.
 */
final class ProviderTrack {
    /** A 429 that comes within this long after the previous cooling ended continues the stretch. */
    static final Duration STREAK_GAP = Duration.ofSeconds(1);

    Tally pending = new Tally();
    /** True when the provider's latest answer was a rate limit: its failovers are not outages. */
    boolean rateLimitedLast;

    private Instant streakStart;
    private Instant streakUntil;

    /**
     * Adds a rate limit at {@code at} that cools the provider until {@code until}; returns how
     * long the provider has been rate limiting without a break, cooling included.
     */
    Duration rateLimited(Instant at, Instant until) {
        if (streakStart == null || at.isAfter(streakUntil.plus(STREAK_GAP))) {
            streakStart = at;
            streakUntil = until;
        } else if (until.isAfter(streakUntil)) {
            streakUntil = until;
        }
        return Duration.between(streakStart, streakUntil);
    }

    /**
     * A good answer: what was pending was a blip, not an outage. Cleared in place: this runs for
     * every accepted attempt, and a new Tally is 8 KB of latencies. No one else holds {@code
     * pending} ({@link #takePending} hands it over and starts a new one).
     */
    void answeredWell() {
        pending.clear();
        rateLimitedLast = false;
        streakStart = null;
    }

    /** The pending counts, handed to an incident that opens now. */
    Tally takePending() {
        Tally taken = pending;
        pending = new Tally();
        return taken;
    }
}
