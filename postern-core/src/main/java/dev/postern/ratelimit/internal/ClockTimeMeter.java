package dev.postern.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Bucket4j's time source over Postern's injected {@link Clock}, so tests refill buckets by moving a fake clock. */
final class ClockTimeMeter implements TimeMeter {
    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    /** Epoch-based, which Bucket4j requires for the daily limit's refill aligned to UTC midnight. */
    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
