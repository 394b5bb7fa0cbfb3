package dev.postern.testing;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider that enforces its own rate limit as a real API does: a token bucket of {@code
 * perSecond} tokens refilled continuously at {@code perSecond} a second (exact integer arithmetic,
 * independent of Postern's buckets), answering 429 with {@code Retry-After: 1} when empty. It counts
 * what it accepted and how many 429s it had to send.
 */
public final class LimitedProvider implements Provider {
    private static final long NANOS = 1_000_000_000L;

    private final String type;
    private final long perSecond;
    private final Clock clock;
    private long tokenNanos; // tokens × 10^9, so refills stay exact
    private Instant last;
    private int accepted;
    private int tooManyRequests;

    public LimitedProvider(String type, long perSecond, Clock clock) {
        this.type = type;
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokenNanos = perSecond * NANOS;
        this.last = clock.instant();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public synchronized SendOutcome send(Email email, AttemptContext context) {
        Instant now = clock.instant();
        long elapsed = Duration.between(last, now).toNanos();
        last = now;
        tokenNanos = Math.min(perSecond * NANOS, tokenNanos + elapsed * perSecond);
        if (tokenNanos < NANOS) {
            tooManyRequests++;
            return new SendOutcome.RateLimited(Duration.ofSeconds(1), "HTTP 429");
        }
        tokenNanos -= NANOS;
        accepted++;
        return new SendOutcome.Accepted(type + "-" + accepted);
    }

    @Override
    public HealthResult checkHealth() {
        return HealthResult.up();
    }

    public synchronized int accepted() {
        return accepted;
    }

    public synchronized int tooManyRequests() {
        return tooManyRequests;
    }
}
