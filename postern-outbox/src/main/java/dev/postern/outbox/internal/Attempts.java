package dev.postern.outbox.internal;

import dev.postern.Attempt;
import dev.postern.outbox.AttemptView;
import dev.postern.provider.SendOutcome;
import java.util.List;

/** Turns core's attempts into the outbox's records, with outcomes under their API names. */
final class Attempts {
    private Attempts() {}

    static List<AttemptView> of(List<Attempt> attempts) {
        return attempts.stream().map(Attempts::of).toList();
    }

    static AttemptView of(Attempt a) {
        return new AttemptView(
                a.provider(),
                a.startedAt(),
                a.latency(),
                wireName(a.outcome()),
                a.outcome().detail(),
                a.degraded(),
                a.ambiguous());
    }

    static String wireName(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Accepted a -> "accepted";
            case SendOutcome.Rejected r -> "rejected";
            case SendOutcome.Unavailable u -> "unavailable";
            case SendOutcome.RateLimited r -> "rate_limited";
            case SendOutcome.Misconfigured m -> "misconfigured";
            case SendOutcome.Ambiguous a -> "ambiguous";
        };
    }
}
