package dev.postern.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * How bad signals become incidents (docs/alerts.md). A provider's first bad signal opens its
 * incident; operators are told once {@code groupWait} later (so the signals of the first seconds
 * make one message), reminded every {@code renotify} while it lasts, and told once when it
 * resolves: the provider back in rotation and no bad signal for {@code resolveAfter}. Rate
 * limiting is a bad signal only once it has lasted {@code rateLimitedFor}.
 *
 * @param renotify how often an open incident is reminded
 * @param groupWait how long after an incident's first signal the first notification waits
 * @param resolveAfter how long a provider must be back in rotation, without a bad signal, before its
 *     incident resolves (the settle time); also how long a gateway-wide condition must stay quiet
 * @param rateLimitedFor how long a provider must keep rate limiting before that opens an incident
 */
public record AlertConfig(Duration renotify, Duration groupWait, Duration resolveAfter, Duration rateLimitedFor) {

    /** A reminder every 30 minutes, a 5 s group wait, 30 s to settle, rate limiting for 10 s. */
    public static final AlertConfig DEFAULTS = new AlertConfig(
            Duration.ofMinutes(30), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** How often open incidents are checked: group waits, settle times and reminders are this precise. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    public AlertConfig {
        Objects.requireNonNull(renotify, "renotify");
        Objects.requireNonNull(groupWait, "group_wait");
        Objects.requireNonNull(resolveAfter, "resolve_after");
        Objects.requireNonNull(rateLimitedFor, "rate_limited_for");
        atLeast("renotify", renotify, Duration.ofSeconds(1));
        atLeast("group_wait", groupWait, Duration.ZERO);
        atLeast("resolve_after", resolveAfter, Duration.ofSeconds(1));
        atLeast("rate_limited_for", rateLimitedFor, Duration.ZERO);
    }

    /** {@code renotify} with the other defaults. */
    public AlertConfig(Duration renotify) {
        this(renotify, DEFAULTS.groupWait, DEFAULTS.resolveAfter, DEFAULTS.rateLimitedFor);
    }

    public AlertConfig withGroupWait(Duration groupWait) {
        return new AlertConfig(renotify, groupWait, resolveAfter, rateLimitedFor);
    }

    public AlertConfig withResolveAfter(Duration resolveAfter) {
        return new AlertConfig(renotify, groupWait, resolveAfter, rateLimitedFor);
    }

    public AlertConfig withRateLimitedFor(Duration rateLimitedFor) {
        return new AlertConfig(renotify, groupWait, resolveAfter, rateLimitedFor);
    }

    private static void atLeast(String name, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be >= " + min.toSeconds() + "s, but was " + value);
        }
    }
}
