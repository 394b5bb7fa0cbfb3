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
 * @param possibleDuplicate true when the message may reach its recipients twice because of this
 *     attempt: Postern abandoned it after the provider had taken the message (the provider turned
 *     suspect under {@code on_ambiguous: failover}, {@link dev.postern.Attempt#abandoned()}) and
 *     sent the message on; or a round that had lost its claim made it (another round owned the
 *     message by then) and it may have handed the message over ({@link #mayHaveHandedOver()})
 */
public record AttemptView(
        String provider,
        Instant startedAt,
        Duration latency,
        String outcome,
        String detail,
        List<String> degraded,
        boolean ambiguous,
        boolean possibleDuplicate) {

    public AttemptView {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        degraded = List.copyOf(degraded);
    }

    /** An attempt that is not a possible duplicate. */
    public AttemptView(
            String provider,
            Instant startedAt,
            Duration latency,
            String outcome,
            String detail,
            List<String> degraded,
            boolean ambiguous) {
        this(provider, startedAt, latency, outcome, detail, degraded, ambiguous, false);
    }

    /** Whether the provider took, or may have taken, the message in this attempt. */
    public boolean mayHaveHandedOver() {
        return ambiguous || outcome.equals("accepted");
    }

    /** This attempt as recorded by a round that had lost its claim. */
    public AttemptView asPossibleDuplicate() {
        return new AttemptView(
                provider,
                startedAt,
                latency,
                outcome,
                detail,
                degraded,
                ambiguous,
                possibleDuplicate || mayHaveHandedOver());
    }

    public long latencyMs() {
        return latency.toMillis();
    }
}
