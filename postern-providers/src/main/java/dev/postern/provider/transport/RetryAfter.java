package dev.postern.provider.transport;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

    static Optional<Duration> parse(String value, Clock clock) {
        return seconds(value, clock).or(() -> httpDate(value, clock));
    }

    private static Optional<Duration> seconds(String value, Clock clock) {
        try {
            long n = (long) Math.ceil(Double.parseDouble(value.strip()));
            if (n < 0) {
                return Optional.empty();
            }
            if (n > EPOCH_THRESHOLD) {
                return Optional.of(nonNegative(Duration.between(clock.instant(), Instant.ofEpochSecond(n))));
            }
            return Optional.of(Duration.ofSeconds(n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> httpDate(String value, Clock clock) {
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(nonNegative(Duration.between(clock.instant(), at.toInstant())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
