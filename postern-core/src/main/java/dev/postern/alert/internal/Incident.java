package dev.postern.alert.internal;

import dev.postern.alert.Alert;
import dev.postern.event.PosternEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alerted condition still open: its latest event and what happened since it was last sent.
 * {@code period} is how often it may be sent again: {@code renotify} for conditions and repeated
 * events, the aggregation window for per-message events.
 */
final class Incident {
    private final AlertPolicy policy;
    private final Duration period;
    private PosternEvent latest;
    private Instant notifiedAt;
    private long sinceNotified;

    Incident(PosternEvent first, Instant notifiedAt, Duration period) {
        this.policy = AlertPolicy.of(first);
        this.period = period;
        this.latest = first;
        this.notifiedAt = notifiedAt;
    }

    /** Counts a repeat; returns the reminder to send at once if the last one is {@code period} old. */
    synchronized Optional<Alert> repeat(PosternEvent event, Instant now) {
        latest = event;
        sinceNotified++;
        return due(now);
    }

    /**
     * The reminder to send now, if {@code period} has passed since the last notification and the
     * condition still holds: a lasting state always does; a repeated event only if it repeated.
     */
    synchronized Optional<Alert> reminderDue(Instant now) {
        return policy == AlertPolicy.CONDITION || sinceNotified > 0 ? due(now) : Optional.empty();
    }

    /** A repeated event that stayed quiet for a whole period is over; the next one is news. */
    synchronized boolean quiet(Instant now) {
        return policy != AlertPolicy.CONDITION && sinceNotified == 0 && !now.isBefore(notifiedAt.plus(period));
    }

    private Optional<Alert> due(Instant now) {
        if (now.isBefore(notifiedAt.plus(period))) {
            return Optional.empty();
        }
        long occurrences = Math.max(1, sinceNotified);
        Alert reminder = policy == AlertPolicy.AGGREGATED
                ? new Alert(
                        latest.type(),
                        latest.provider(),
                        now,
                        Summaries.of(latest, occurrences, Duration.between(notifiedAt, now)),
                        Map.of("occurrences", occurrences),
                        true)
                : Alerter.alert(latest, occurrences, true);
        notifiedAt = now;
        sinceNotified = 0;
        return Optional.of(reminder);
    }

    Optional<String> provider() {
        return latest.provider();
    }
}
