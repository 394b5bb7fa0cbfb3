package dev.postern.server.config;

import dev.postern.ratelimit.RateLimitConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A provider's configured sending limits ({@code rate_limit: {per_second, per_day, max_cooldown}}),
 * as written: shown by {@code GET /v1/providers} and enforced as token buckets by routing ({@link
 * #toConfig}); {@code max_cooldown} bounds how long the provider's own {@code Retry-After} cools it.
 */
public record RateLimit(OptionalLong perSecond, OptionalLong perDay, Optional<Duration> maxCooldown) {

    /** Limits without a {@code max_cooldown} of their own (the default applies). */
    public RateLimit(OptionalLong perSecond, OptionalLong perDay) {
        this(perSecond, perDay, Optional.empty());
    }

    public RateLimit {
        check("per_second", perSecond);
        check("per_day", perDay);
        if (perSecond.isPresent() && perSecond.getAsLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "per_second must be <= " + Integer.MAX_VALUE + ", but was " + perSecond.getAsLong());
        }
    }

    /** The limits routing enforces; an unset limit is no limit. */
    public RateLimitConfig toConfig() {
        return new RateLimitConfig(
                (int) perSecond.orElse(0), perDay.orElse(0), maxCooldown.orElse(RateLimitConfig.DEFAULT_MAX_COOLDOWN));
    }

    private static void check(String key, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() < 1) {
            throw new IllegalArgumentException(key + " must be > 0, but was " + value.getAsLong());
        }
    }
}
