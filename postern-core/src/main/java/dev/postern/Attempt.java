package dev.postern;

import dev.postern.provider.SendOutcome;
import java.time.Duration;
import java.time.Instant;

/**
 * One try of one message at one provider.
 *
 * @param ambiguous true when the provider may have taken the message although it did not say so:
 *     a later accepted attempt may then be a duplicate
 */
public record Attempt(String provider, Instant startedAt, Duration latency, SendOutcome outcome) {

    public boolean ambiguous() {
        return outcome instanceof SendOutcome.Ambiguous;
    }
}
