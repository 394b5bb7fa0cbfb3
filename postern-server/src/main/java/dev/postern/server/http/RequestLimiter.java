package dev.postern.server.http;

import dev.postern.server.auth.ApiKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-key request rate limits ({@code auth.api_keys[].rate_limit.per_second}): a token bucket per
 * key holding at most one second's worth, refilled continuously. A key over its limit gets 429 with
 * {@code Retry-After}, so one noisy caller cannot take the API from the others. Time comes from
 * the injected source, so tests move it rather than wait.
 */
final class RequestLimiter {
    private final InstantSource time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestLimiter(InstantSource time) {
        this.time = time;
    }

    /** Takes one request from {@code key}'s budget; empty when allowed, else how long until one is. */
    Optional<Duration> take(ApiKey key) {
        if (key.requestsPerSecond() == 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(key.name(), n -> new Bucket(key.requestsPerSecond()));
        return bucket.take(time.instant().toEpochMilli() * 1_000_000L);
    }

    private static final class Bucket {
        private final int perSecond;
        private final long nanosPerToken;
        private double tokens;
        private long lastNanos = Long.MIN_VALUE;

        Bucket(int perSecond) {
            this.perSecond = perSecond;
            this.nanosPerToken = 1_000_000_000L / perSecond;
            this.tokens = perSecond;
        }

        synchronized Optional<Duration> take(long nowNanos) {
            if (lastNanos != Long.MIN_VALUE && nowNanos > lastNanos) {
                tokens = Math.min(perSecond, tokens + (nowNanos - lastNanos) / (double) nanosPerToken);
            }
            lastNanos = Math.max(lastNanos, nowNanos);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) ((1 - tokens) * nanosPerToken)));
        }
    }
}
