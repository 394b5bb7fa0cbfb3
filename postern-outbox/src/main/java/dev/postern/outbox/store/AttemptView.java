package dev.postern.outbox.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One recorded attempt of a message at one provider, as {@code GET /v1/messages/{id}} shows it.
 *
 * @param outcome the outcome's wire name: {@code accepted}, {@code rejected}, {@code unavailable},
 *     {@code rate_limited}, {@code misconfigured} or {@code ambiguous}
 * @param degraded what was dropped to send through this provider ({@link dev.postern.Attempt#degraded()})
 * @param ambiguous true when the provider may have taken the message without saying so
 */
public record AttemptView(
        String provider,
        Instant startedAt,
        Duration latency,
        String outcome,
        String detail,
        List<String> degraded,
        boolean ambiguous) {

    public AttemptView {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        degraded = List.copyOf(degraded);
    }

    public long latencyMs() {
        return latency.toMillis();
    }
}
