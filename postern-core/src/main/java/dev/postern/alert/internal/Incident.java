package dev.postern.alert.internal;

import dev.postern.alert.IncidentView;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One incident while it lives: a provider's outage ({@code provider_down}) or a gateway-wide
 * condition. It remembers its signals, its {@link Tally}, when it last saw a bad signal (the
 * settle time runs from there) and whether operators were told it opened. Guarded by the
 * {@link Alerter}'s lock.
 */
final class Incident {
    /** The condition of every provider's incident. */
    static final String PROVIDER_DOWN = "provider_down";

    final String id;
    final Optional<String> provider;
    final String condition;
    final Instant openedAt;
    final Tally tally = new Tally();
    private final Set<String> signals = new LinkedHashSet<>();
    private Instant lastBadAt;
    private Duration lastGap = Duration.ZERO;
    private String lastDetail;
    private long sinceNotified;
    /** When operators were last told of it; null while nobody was (group wait, inhibition). */
    Instant notifiedAt;
    /** True once a gateway-wide incident kept its opening from being paged. */
    boolean inhibited;
    /** Since when its provider has been in rotation without interruption, or null. */
    Instant inRotationSince;

    Instant resolvedAt;

    Incident(String id, Optional<String> provider, String condition, Instant openedAt) {
        this.id = id;
        this.provider = provider;
        this.condition = condition;
        this.openedAt = openedAt;
        this.lastBadAt = openedAt;
    }

    /** A bad signal: remembered by kind, and the settle time starts again. */
    void signal(String kind, String detail, Instant at) {
        signals.add(kind);
        if (at.isAfter(lastBadAt)) {
            lastGap = Duration.between(lastBadAt, at);
            lastBadAt = at;
        }
        lastDetail = detail;
        sinceNotified++;
    }

    Instant lastBadAt() {
        return lastBadAt;
    }

    /**
     * How long a gateway-wide condition must go unseen to be over: {@code resolveAfter}, or twice
     * the time between its last two signals when that is longer (a check that repeats it every
     * 30 s has not stopped after 29 s of silence).
     */
    Duration quietFor(Duration resolveAfter) {
        Duration twice = lastGap.multipliedBy(2);
        return twice.compareTo(resolveAfter) > 0 ? twice : resolveAfter;
    }

    String lastDetail() {
        return lastDetail;
    }

    boolean notified() {
        return notifiedAt != null;
    }

    /** Signals since the last notification, and starts counting again. */
    long takeSinceNotified() {
        long n = sinceNotified;
        sinceNotified = 0;
        return n;
    }

    IncidentView view(IncidentView.State state) {
        return new IncidentView(
                id,
                state,
                provider,
                condition,
                openedAt,
                Optional.ofNullable(resolvedAt),
                List.copyOf(signals),
                tally.counts(),
                tally.lastAnswer());
    }
}
