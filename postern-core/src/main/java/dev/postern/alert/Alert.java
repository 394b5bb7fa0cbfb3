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
 */
public record Alert(
        String event,
        Optional<String> provider,
        Instant at,
        String detail,
        Map<String, Long> counts,
        boolean reminder) {

    public Alert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        counts = Map.copyOf(counts);
    }
}
