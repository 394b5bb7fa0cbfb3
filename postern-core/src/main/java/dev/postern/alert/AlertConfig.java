package dev.postern.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When alerts fire: once when a condition starts, once when it ends, and a reminder every {@code
 * renotify} while it lasts; repeats in between are counted, not sent. Per-message events
 * (failovers, rate limiting, failed messages) are sent once, then summed up once per {@code
 * aggregate} window while they keep happening ("42 messages failed over from sendgrid to postmark
 * in the last 1m").
 *
 * @param renotify how often a lasting condition is reminded
 * @param aggregate the window per-message events are summed over
 */
public record AlertConfig(Duration renotify, Duration aggregate) {

    /** A reminder every 30 minutes; per-message events summed up per minute. */
    public static final AlertConfig DEFAULTS = new AlertConfig(Duration.ofMinutes(30), Duration.ofMinutes(1));

    public AlertConfig {
        Objects.requireNonNull(renotify, "renotify");
        Objects.requireNonNull(aggregate, "aggregate");
        if (renotify.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("renotify must be >= 1s, but was " + renotify);
        }
        if (aggregate.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("aggregate must be >= 1s, but was " + aggregate);
        }
    }

    /** {@code renotify} with the default one-minute aggregation window. */
    public AlertConfig(Duration renotify) {
        this(renotify, Duration.ofMinutes(1));
    }

    /** How often reminders and summaries are checked: the shorter period, at most a minute. */
    public Duration checkEvery() {
        Duration shorter = renotify.compareTo(aggregate) < 0 ? renotify : aggregate;
        return shorter.compareTo(Duration.ofMinutes(1)) < 0 ? shorter : Duration.ofMinutes(1);
    }
}
