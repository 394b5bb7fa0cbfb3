package dev.postern.provider;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A provider's sending budget as far as Postern knows it ({@link Provider#rateLimit()}): what the
 * provider last reported in its answers' headers, else the limit configured for it, else nothing.
 *
 * <p>Routing acts only on a {@link Source#REPORTED} status with a remaining budget and a reset time
 * still ahead ({@link #spentFor}); a report whose reset has passed is stale and ignored, so a
 * provider is never held out by an old answer.
 *
 * @param limit requests allowed in the provider's window, when known
 * @param remaining requests left in the current window, when known
 * @param resetAt when the window ends and the budget is whole again, when known
 * @param source where the numbers come from
 */
public record RateLimitStatus(OptionalLong limit, OptionalLong remaining, Optional<Instant> resetAt, Source source) {

    /** Nothing known: the provider reports nothing and no limit is configured. */
    public static final RateLimitStatus UNKNOWN =
            new RateLimitStatus(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Source.UNKNOWN);

    /** Where a status's numbers come from. */
    public enum Source {
        /** The provider's own answer (rate-limit response headers). */
        REPORTED,
        /** Postern's configuration ({@code rate_limit}): the provider says nothing. */
        CONFIGURED,
        /** Neither. */
        UNKNOWN;

        /** The lower-case name used in the API. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RateLimitStatus {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(resetAt, "reset_at");
        Objects.requireNonNull(source, "source");
        if (limit.isPresent() && limit.getAsLong() < 0) {
            throw new IllegalArgumentException("limit must be >= 0, but was " + limit.getAsLong());
        }
        if (remaining.isPresent() && remaining.getAsLong() < 0) {
            throw new IllegalArgumentException("remaining must be >= 0, but was " + remaining.getAsLong());
        }
    }

    /** What a provider's answer said; any part may be missing. */
    public static RateLimitStatus reported(OptionalLong limit, OptionalLong remaining, Optional<Instant> resetAt) {
        return new RateLimitStatus(limit, remaining, resetAt, Source.REPORTED);
    }

    /** The configured limit, for a provider that reports nothing. */
    public static RateLimitStatus configured(long limit) {
        return new RateLimitStatus(OptionalLong.of(limit), OptionalLong.empty(), Optional.empty(), Source.CONFIGURED);
    }

    /** True for a report whose window has not ended at {@code now} (a report without a reset is current). */
    public boolean currentAt(Instant now) {
        return source == Source.REPORTED && resetAt.map(now::isBefore).orElse(true);
    }

    /**
     * True when the provider reported fewer than {@code requests} left in a window that ends after
     * {@code now}: routing passes it by until then, as if it had answered 429. A report without a
     * reset time never holds a provider out, since nothing would say when to try again.
     */
    public boolean spentFor(int requests, Instant now) {
        return source == Source.REPORTED
                && remaining.isPresent()
                && remaining.getAsLong() < requests
                && resetAt.isPresent()
                && now.isBefore(resetAt.get());
    }

    @Override
    public String toString() {
        return switch (source) {
            case UNKNOWN -> "unknown";
            case CONFIGURED -> "configured limit " + limit.orElse(0);
            case REPORTED ->
                "reported "
                        + (remaining.isPresent() ? Long.toString(remaining.getAsLong()) : "?")
                        + (limit.isPresent() ? " of " + limit.getAsLong() : "")
                        + " left"
                        + resetAt.map(r -> " until " + r).orElse("");
        };
    }
}
