package dev.postern.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The incident an {@link Alert} belongs to, as sinks show it: one per provider outage (or per
 * gateway-wide condition such as {@code all_providers_down}), opened by its first bad signal,
 * updated while it lasts and resolved when the provider is back. {@code id} is stable for the
 * incident's whole life, so paging sinks use it as their de-duplication key (PagerDuty's {@code
 * dedup_key}, Opsgenie's {@code alias}).
 *
 * @param id stable for the incident's life, unique across incidents
 * @param state what this notification says about the incident
 * @param provider the provider concerned, empty for a gateway-wide incident
 * @param condition {@code provider_down} for a provider's outage, {@code bounce_rate_high} or {@code
 *     complaint_rate_high} for its reputation, else the gateway-wide condition ({@code
 *     all_providers_down}, {@code backlog_high})
 * @param openedAt when its first signal came
 * @param resolvedAt when it was resolved (only in a {@link State#RESOLVED} notification)
 * @param signals the kinds of signal seen so far, in first-seen order ({@code failover}, {@code
 *     breaker_opened}, {@code provider_unhealthy}, …)
 * @param counts what happened during the incident so far ({@code messages_failed_over}, {@code
 *     messages_failed}, {@code latency_max_ms}, {@code latency_p99_ms}, …)
 * @param lastAnswer what the provider last answered (status and reason), if known
 */
public record IncidentView(
        String id,
        State state,
        Optional<String> provider,
        String condition,
        Instant openedAt,
        Optional<Instant> resolvedAt,
        List<String> signals,
        Map<String, Long> counts,
        Optional<String> lastAnswer) {

    /** What a notification says about its incident. */
    public enum State {
        /** The incident began (after its group wait): page. */
        OPENED,
        /** Still open: a reminder with the counts so far (every {@code renotify}). */
        UPDATED,
        /** Over: resolve the page. */
        RESOLVED
    }

    public IncidentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        signals = List.copyOf(signals);
        counts = Map.copyOf(counts);
        Objects.requireNonNull(lastAnswer, "lastAnswer");
    }
}
