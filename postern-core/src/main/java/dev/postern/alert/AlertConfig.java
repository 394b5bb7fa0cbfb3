package dev.postern.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When alerts fire: once when a condition starts, once when it ends, and a reminder every {@code
 * renotify} while it lasts; repeats in between are counted, not sent.
 */
public record AlertConfig(Duration renotify) {

    /** A reminder every 30 minutes. */
    public static final AlertConfig DEFAULTS = new AlertConfig(Duration.ofMinutes(30));

    public AlertConfig {
        Objects.requireNonNull(renotify, "renotify");
        if (renotify.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("renotify must be >= 1s, but was " + renotify);
        }
    }
}
