package dev.postern.provider.transport;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads how long a provider asked us to wait from its answer's headers, in this order:
 * {@code Retry-After} (seconds or an HTTP date), {@code RateLimit-Reset} / {@code X-RateLimit-Reset}
 * (seconds from now when small, a Unix time when it looks like one). Unparseable values are ignored.
 */
public final class RetryAfter {
    /** Values above this are taken as Unix times rather than seconds from now. */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private RetryAfter() {}

    public static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After")
                .flatMap(v -> parse(v, clock))
                .or(() -> headers.firstValue("RateLimit-Reset").flatMap(v -> seconds(v, clock)))
                .or(() -> headers.firstValue("X-RateLimit-Reset").flatMap(v -> seconds(v, clock)));
    }

    /**
     * One value, as seconds from now, a Unix time or an HTTP date. Total: any text at all gives a
     * wait of zero or more, or none when it cannot be a wait (negative, NaN, garbage); values
     * beyond any date are read as the farthest one, never thrown. Bounding the wait is routing's
     * job ({@code rate_limit.max_cooldown}).
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        return seconds(value, clock).or(() -> httpDate(value, clock));
    }

    private static Optional<Duration> seconds(String value, Clock clock) {
        double n;
        try {
            n = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!(n >= 0)) {
            return Optional.empty(); // negative, or NaN
        }
        // The cast saturates Infinity at Long.MAX_VALUE; min() then makes anything past the last
        // Instant the last Instant (compared as longs: a double that large is not exact).
        long whole = Math.min((long) Math.ceil(n), Instant.MAX.getEpochSecond());
        return Optional.of(
                whole > EPOCH_THRESHOLD ? until(Instant.ofEpochSecond(whole), clock) : Duration.ofSeconds(whole));
    }

    private static Optional<Duration> httpDate(String value, Clock clock) {
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(until(at.toInstant(), clock));
        } catch (DateTimeException e) {
            return Optional.empty(); // malformed, or a date no Instant holds
        }
    }

    private static Duration until(Instant at, Clock clock) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
