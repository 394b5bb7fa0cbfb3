package dev.postern.server.config;

import java.util.OptionalLong;

/**
 * A provider's configured sending limits ({@code rate_limit: {per_second, per_day}}). Accepted,
 * validated and shown by {@code GET /v1/providers}, but not enforced yet: token buckets come with a
 * later issue. Providers' own {@code Retry-After} answers are honoured already.
 */
public record RateLimit(OptionalLong perSecond, OptionalLong perDay) {
    public RateLimit {
        check("per_second", perSecond);
        check("per_day", perDay);
    }

    private static void check(String key, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() < 1) {
            throw new IllegalArgumentException(key + " must be > 0, but was " + value.getAsLong());
        }
    }
}
