package dev.postern.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When the gateway raises {@code backlog_high} ({@code alerts.backlog}): the outbox holds at least
 * {@code depth} messages waiting, or its oldest has waited {@code oldestAge} or longer. Checked
 * every {@code check}.
 */
public record BacklogConfig(long depth, Duration oldestAge, Duration check) {

    /** 10 000 messages or 15 minutes, checked every 30 seconds. */
    public static final BacklogConfig DEFAULTS =
            new BacklogConfig(10_000, Duration.ofMinutes(15), Duration.ofSeconds(30));

    public BacklogConfig {
        if (depth < 1) {
            throw new IllegalArgumentException("alerts.backlog.depth must be >= 1, but was " + depth);
        }
        Objects.requireNonNull(oldestAge, "alerts.backlog.oldest_age");
        Objects.requireNonNull(check, "alerts.backlog.check");
        if (oldestAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("alerts.backlog.oldest_age must be >= 1s, but was " + oldestAge);
        }
        if (check.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("alerts.backlog.check must be >= 1s, but was " + check);
        }
    }
}
