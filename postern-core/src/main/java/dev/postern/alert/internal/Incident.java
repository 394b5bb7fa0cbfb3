package dev.postern.alert.internal;

import dev.postern.alert.Alert;
import dev.postern.event.PosternEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One alerted condition still open: its latest event and what happened since it was last sent. */
final class Incident {
    private final boolean lasting;
    private PosternEvent latest;
    private Instant notifiedAt;
    private long sinceNotified;

    Incident(PosternEvent first, Instant notifiedAt) {
        this.lasting = AlertPolicy.of(first) == AlertPolicy.CONDITION;
        this.latest = first;
        this.notifiedAt = notifiedAt;
    }

    /** Counts a repeat; returns the reminder to send at once if the last one is {@code renotify} old. */
    synchronized Optional<Alert> repeat(PosternEvent event, Instant now, Duration renotify) {
        latest = event;
        sinceNotified++;
        return due(now, renotify);
    }

    /**
     * The reminder to send now, if {@code renotify} has passed since the last notification and the
     * condition still holds: a lasting state always does; a repeated event only if it repeated.
     */
    synchronized Optional<Alert> reminderDue(Instant now, Duration renotify) {
        return lasting || sinceNotified > 0 ? due(now, renotify) : Optional.empty();
    }

    /** A repeated event that stayed quiet for a whole {@code renotify} is over; the next one is news. */
    synchronized boolean quiet(Instant now, Duration renotify) {
        return !lasting && sinceNotified == 0 && !now.isBefore(notifiedAt.plus(renotify));
    }

    private Optional<Alert> due(Instant now, Duration renotify) {
        if (now.isBefore(notifiedAt.plus(renotify))) {
            return Optional.empty();
        }
        Alert reminder = Alerter.alert(latest, Math.max(1, sinceNotified), true);
        notifiedAt = now;
        sinceNotified = 0;
        return Optional.of(reminder);
    }

    Optional<String> provider() {
        return latest.provider();
    }
}
