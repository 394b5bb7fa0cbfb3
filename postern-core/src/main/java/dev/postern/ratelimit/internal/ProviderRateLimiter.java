package dev.postern.ratelimit.internal;

import dev.postern.ratelimit.RateLimitConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One provider's token buckets (Bucket4j): a per-second bucket that refills greedily, so a steady
 * load is spread evenly instead of bursting at each second's start, with a burst of one second's
 * worth; and a daily bucket that refills at UTC midnight, as providers' daily quotas do. Tokens are
 * taken before an attempt and never waited for.
 */
public final class ProviderRateLimiter {
    private static final ProviderRateLimiter UNLIMITED = new ProviderRateLimiter(null);

    private final Bucket bucket;

    private ProviderRateLimiter(Bucket bucket) {
        this.bucket = bucket;
    }

    public static ProviderRateLimiter of(RateLimitConfig config, Clock clock) {
        if (config.unlimited()) {
            return UNLIMITED;
        }
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(new ClockTimeMeter(clock));
        if (config.perSecond() > 0) {
            builder.addLimit(Bandwidth.builder()
                    .capacity(config.perSecond())
                    .refillGreedy(config.perSecond(), Duration.ofSeconds(1))
                    .build());
        }
        if (config.perDay() > 0) {
            Instant midnight = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            builder.addLimit(Bandwidth.builder()
                    .capacity(config.perDay())
                    .refillIntervallyAligned(config.perDay(), Duration.ofDays(1), midnight)
                    .build());
        }
        return new ProviderRateLimiter(builder.build());
    }

    /** Takes {@code tokens} at once if every limit has them, else takes none and answers false. */
    public boolean tryTake(int tokens) {
        return bucket == null || bucket.tryConsume(tokens);
    }

    /** Gives back tokens taken for attempts that were not made (a breaker refused, a send stopped early). */
    public void giveBack(int tokens) {
        if (bucket != null && tokens > 0) {
            bucket.addTokens(tokens);
        }
    }
}
