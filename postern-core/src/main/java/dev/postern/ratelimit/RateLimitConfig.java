package dev.postern.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's sending limits, enforced locally before each attempt so that Postern spends the
 * provider's budget without being told "slow down" (YAML {@code rate_limit: {per_second,
 * per_day}}). A provider with no token left is skipped for the message, not waited on and not
 * charged.
 *
 * @param perSecond messages per second, with a burst of as many; 0 means no per-second limit
 * @param perDay messages per UTC calendar day; 0 means no daily limit
 * @param maxCooldown the longest a provider's own "wait" ({@code Retry-After}, a reset time) takes
 *     it out of rotation: a provider asking for longer cools this long, then is tried again
 */
public record RateLimitConfig(int perSecond, long perDay, Duration maxCooldown) {

    /** How long a provider that asks for more is cooled at most, unless configured: one hour. */
    public static final Duration DEFAULT_MAX_COOLDOWN = Duration.ofHours(1);

    /** No limits: the provider is only ever slowed by what it says itself. */
    public static final RateLimitConfig NONE = new RateLimitConfig(0, 0);

    /** Limits with the default {@link #DEFAULT_MAX_COOLDOWN}. */
    public RateLimitConfig(int perSecond, long perDay) {
        this(perSecond, perDay, DEFAULT_MAX_COOLDOWN);
    }

    public RateLimitConfig {
        Objects.requireNonNull(maxCooldown, "max_cooldown");
        if (maxCooldown.isNegative() || maxCooldown.isZero()) {
            throw new IllegalArgumentException("max_cooldown must be > 0, but was " + maxCooldown);
        }
        if (perSecond < 0) {
            throw new IllegalArgumentException("per_second must be >= 0 (0 = unlimited), but was " + perSecond);
        }
        if (perDay < 0) {
            throw new IllegalArgumentException("per_day must be >= 0 (0 = unlimited), but was " + perDay);
        }
    }

    /** True when neither limit is set. */
    public boolean unlimited() {
        return perSecond == 0 && perDay == 0;
    }

    public RateLimitConfig withPerSecond(int perSecond) {
        return new RateLimitConfig(perSecond, perDay, maxCooldown);
    }

    public RateLimitConfig withPerDay(long perDay) {
        return new RateLimitConfig(perSecond, perDay, maxCooldown);
    }

    public RateLimitConfig withMaxCooldown(Duration maxCooldown) {
        return new RateLimitConfig(perSecond, perDay, maxCooldown);
    }

    @Override
    public String toString() {
        if (unlimited()) {
            return "unlimited";
        }
        String second = perSecond == 0 ? "" : perSecond + "/s";
        String day = perDay == 0 ? "" : perDay + "/day";
        return second.isEmpty() || day.isEmpty() ? second + day : second + ", " + day;
    }
}
