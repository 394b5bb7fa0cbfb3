package dev.postern.alert.internal;

import dev.postern.alert.IncidentView;
import dev.postern.event.Rates;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The one-line text of an incident's notification: what is wrong, for how long, and the counts. */
final class Summaries {
    private Summaries() {}

    static String of(IncidentView incident, String lastDetail, Instant now) {
        if (!incident.condition().equals(Incident.PROVIDER_DOWN)
                && incident.provider().isPresent()) {
            return condition(incident, lastDetail, now);
        }
        String subject = incident.provider().orElse(null);
        String what =
                subject != null ? subject + " is failing (" + String.join(", ", incident.signals()) + ")" : lastDetail;
        String sinceOpened = Rates.span(Duration.between(incident.openedAt(), now));
        String story = counts(incident.counts())
                + incident.lastAnswer().map(a -> "; last answer: " + a).orElse("");
        return switch (incident.state()) {
            case OPENED -> what + ": " + story;
            case UPDATED -> "still open after " + sinceOpened + ": " + what + ": " + story;
            case RESOLVED ->
                (subject != null ? subject + " is back" : incident.condition() + " is over") + " after " + sinceOpened
                        + ": " + story;
        };
    }

    /** A provider's reputation condition: its last measure says it all; outage counts do not apply. */
    private static String condition(IncidentView incident, String lastDetail, Instant now) {
        String sinceOpened = Rates.span(Duration.between(incident.openedAt(), now));
        String subject = incident.condition() + " at " + incident.provider().orElseThrow();
        return switch (incident.state()) {
            case OPENED -> lastDetail;
            case UPDATED -> "still open after " + sinceOpened + ": " + lastDetail;
            case RESOLVED -> subject + " is over after " + sinceOpened + " (last seen: " + lastDetail + ")";
        };
    }

    private static String counts(Map<String, Long> c) {
        return c.getOrDefault("messages_failed_over", 0L) + " failed over, " + c.getOrDefault("messages_failed", 0L)
                + " failed, " + c.getOrDefault("attempts_failed", 0L) + " of " + c.getOrDefault("attempts", 0L)
                + " attempts failed, latency max " + c.getOrDefault("latency_max_ms", 0L) + " ms, p99 "
                + c.getOrDefault("latency_p99_ms", 0L) + " ms";
    }
}
