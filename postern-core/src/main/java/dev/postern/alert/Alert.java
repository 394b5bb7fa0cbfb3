package dev.postern.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification to operators, as a webhook receives it: {@code {"event", "provider", "at",
 * "detail", "counts"}} (docs/api.md, events).
 *
 * @param event the event's name, e.g. {@code provider_unhealthy}
 * @param provider the provider concerned, or empty
 * @param counts {@code occurrences}: how many such events happened since the last notification
 *     of this condition (1 for a first notification, more for a reminder)
 * @param reminder true when the condition was already notified and still holds
 * @param incident the incident this notification opens, updates or resolves; empty for alerts
 *     outside any incident (drill results, tests of a sink)
 */
public record Alert(
        String event,
        Optional<String> provider,
        Instant at,
        String detail,
        Map<String, Long> counts,
        boolean reminder,
        Optional<IncidentView> incident) {

    /** An alert outside any incident. */
    public Alert(
            String event,
            Optional<String> provider,
            Instant at,
            String detail,
            Map<String, Long> counts,
            boolean reminder) {
        this(event, provider, at, detail, counts, reminder, Optional.empty());
    }

    public Alert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        counts = Map.copyOf(counts);
        Objects.requireNonNull(incident, "incident");
    }
}
