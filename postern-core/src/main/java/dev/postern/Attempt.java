package dev.postern;

import dev.postern.degradation.internal.Adapted;
import dev.postern.provider.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One try of one message (or of one part of it) at one provider.
 *
 * @param degraded what was dropped from the message to send it through this provider, by wire
 *     name: {@code tracking}, {@code tags}, {@code metadata}, {@code custom_headers}, and {@code
 *     recipients_split} when the recipients were split into several sends (this attempt is then
 *     one part); empty when the message went as given
 * @param recipients how many recipients (to, cc and bcc) this attempt carried
 * @param abandoned true when Postern stopped waiting for the provider's answer after the provider
 *     had taken the message, because the provider turned suspect (under {@code on_ambiguous:
 *     failover}): the outcome is {@code Ambiguous}, the message went on to the next provider, and
 *     it may reach its recipients twice
 */
public record Attempt(
        String provider,
        Instant startedAt,
        Duration latency,
        SendOutcome outcome,
        List<String> degraded,
        int recipients,
        boolean abandoned) {

    /** The wire name in {@link #degraded} of a message whose recipients were split into parts. */
    public static final String RECIPIENTS_SPLIT = Adapted.RECIPIENTS_SPLIT;

    public Attempt {
        Objects.requireNonNull(outcome, "outcome");
        degraded = List.copyOf(degraded);
    }

    /** An attempt Postern waited on until it ended. */
    public Attempt(
            String provider,
            Instant startedAt,
            Duration latency,
            SendOutcome outcome,
            List<String> degraded,
            int recipients) {
        this(provider, startedAt, latency, outcome, degraded, recipients, false);
    }

    /** An attempt that degraded nothing, with the recipient count unknown (0). */
    public Attempt(String provider, Instant startedAt, Duration latency, SendOutcome outcome) {
        this(provider, startedAt, latency, outcome, List.of(), 0);
    }

    /**
     * True when the provider may have taken the message although it did not say so: a later
     * accepted attempt may then be a duplicate.
     */
    public boolean ambiguous() {
        return outcome instanceof SendOutcome.Ambiguous;
    }

    public boolean accepted() {
        return outcome instanceof SendOutcome.Accepted;
    }

    /**
     * True when the provider answered for each recipient, taking or refusing it: the provider
     * works, whatever became of the recipients, so the attempt is no reason to fail over.
     */
    public boolean answeredForRecipients() {
        return outcome instanceof SendOutcome.Accepted || outcome instanceof SendOutcome.RecipientsRefused;
    }
}
