package dev.postern.server.smtp.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Connections per address in the last minute, as Postfix's anvil counts them for {@code
 * smtpd_client_connection_rate_limit}: a sliding window on the relay's clock. A connection that
 * later authenticates is {@link #refund refunded}, so applications that open one connection per
 * message are never slowed; a client without credentials cannot earn one.
 *
 * <p>Memory is bounded: one stamp per counted connection for a minute, and at most {@link
 * #MAX_STAMPS} of them; beyond that the oldest are forgotten (a flood from that many addresses is
 * met by the anonymous share of sessions, not by per-address counts).
 */
final class ConnectionRate {
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_STAMPS = 100_000;

    /** One counted connection; {@code counted} turns false once refunded or forgotten. */
    static final class Stamp {
        private final InetAddress address;
        private final Instant at;
        private boolean counted = true;

        private Stamp(InetAddress address, Instant at) {
            this.address = address;
            this.at = at;
        }
    }

    private final Clock clock;
    private final int perMinute;
    private final ArrayDeque<Stamp> stamps = new ArrayDeque<>();
    private final Map<InetAddress, Integer> counts = new HashMap<>();

    ConnectionRate(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Counts a connection from {@code address}, or empty when it already made its share this minute. */
    synchronized Optional<Stamp> admit(InetAddress address) {
        Instant now = clock.instant();
        while (!stamps.isEmpty()
                && (stamps.size() >= MAX_STAMPS || !stamps.peekFirst().at.isAfter(now.minus(WINDOW)))) {
            uncount(stamps.pollFirst());
        }
        int count = counts.getOrDefault(address, 0);
        if (count >= perMinute) {
            return Optional.empty(); // a refused connection is not counted: backing off lets a client in
        }
        counts.put(address, count + 1);
        Stamp stamp = new Stamp(address, now);
        stamps.addLast(stamp);
        return Optional.of(stamp);
    }

    /** The connection authenticated: it no longer counts against its address. */
    synchronized void refund(Stamp stamp) {
        uncount(stamp);
    }

    private void uncount(Stamp stamp) {
        if (stamp.counted) {
            stamp.counted = false;
            counts.computeIfPresent(stamp.address, (a, n) -> n == 1 ? null : n - 1);
        }
    }
}
