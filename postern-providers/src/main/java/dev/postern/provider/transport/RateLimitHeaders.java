package dev.postern.provider.transport;

import dev.postern.provider.RateLimitStatus;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider's rate-limit response headers and the latest report read from them, for {@link
 * dev.postern.provider.Provider#rateLimit()}. Only providers that document such headers have a
 * constant here: {@link #RESEND} and {@link #SENDGRID} (docs/providers.md).
 *
 * <p>Reading is total and bounded: a value that is not plain ASCII digits (a sign, a fraction, a
 * CR or LF, text), longer than {@value #MAX_DIGITS} digits, or out of range is ignored on its own,
 * never thrown — this runs on the send path. An answer without any usable header leaves the
 * previous report in place; routing ignores it once its reset has passed.
 *
 * @param limit the header with the window's request limit
 * @param remaining the header with the requests left in the window
 * @param reset the header with the window's end
 * @param resetIsEpoch true when {@code reset} is a Unix time in seconds, false when it is seconds from now
 */
public record RateLimitHeaders(String limit, String remaining, String reset, boolean resetIsEpoch) {

    /** Resend: {@code ratelimit-limit}, {@code ratelimit-remaining}, {@code ratelimit-reset} (seconds until reset). */
    public static final RateLimitHeaders RESEND =
            new RateLimitHeaders("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", false);

    /**
     * SendGrid: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}
     * (a Unix time). SendGrid sends them on its v3 API but, by its maintainers' word, not on {@code
     * /v3/mail/send}; read should it ever start.
     */
    public static final RateLimitHeaders SENDGRID =
            new RateLimitHeaders("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", true);

    /** No count or time Postern reads has more digits than this (a Unix time in seconds has 10). */
    static final int MAX_DIGITS = 12;
    /** A reset further ahead than this is not a rate window's end: ignored. */
    static final Duration MAX_RESET_AHEAD = Duration.ofDays(1);

    public RateLimitHeaders {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(reset, "reset");
    }

    /** What {@code headers} report at {@code now}; empty when no header of the three is usable. */
    public Optional<RateLimitStatus> read(HttpHeaders headers, Instant now) {
        OptionalLong limitValue = number(headers, limit);
        OptionalLong remainingValue = number(headers, remaining);
        Optional<Instant> resetAt = resetAt(number(headers, reset), now);
        if (limitValue.isEmpty() && remainingValue.isEmpty() && resetAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RateLimitStatus.reported(limitValue, remainingValue, resetAt));
    }

    /** A holder of the latest report from these headers, for one adapter. */
    public Latest latest(Clock clock) {
        return new Latest(this, clock);
    }

    private Optional<Instant> resetAt(OptionalLong value, Instant now) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Instant at = resetIsEpoch ? Instant.ofEpochSecond(value.getAsLong()) : now.plusSeconds(value.getAsLong());
        return at.isAfter(now.plus(MAX_RESET_AHEAD)) ? Optional.empty() : Optional.of(at);
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(RateLimitHeaders::digits).orElse(OptionalLong.empty());
    }

    /**
     * {@code value} as a count when it is 1 to {@value #MAX_DIGITS} ASCII digits; spaces and tabs
     * around are allowed (HTTP's optional whitespace), nothing else — not a CR or LF.
     */
    static OptionalLong digits(String value) {
        int from = 0;
        int to = value.length();
        while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
            to--;
        }
        String v = value.substring(from, to);
        if (v.isEmpty() || v.length() > MAX_DIGITS) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(v));
    }

    /** The latest report one adapter read; thread-safe, answers at once. */
    public static final class Latest {
        private final RateLimitHeaders names;
        private final Clock clock;
        private final AtomicReference<RateLimitStatus> latest = new AtomicReference<>(RateLimitStatus.UNKNOWN);

        private Latest(RateLimitHeaders names, Clock clock) {
            this.names = names;
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Takes in one answer's headers; an answer without usable ones changes nothing. */
        public void read(HttpHeaders headers) {
            names.read(headers, clock.instant()).ifPresent(latest::set);
        }

        public RateLimitStatus get() {
            return latest.get();
        }
    }
}
