package dev.postern.outbox.internal;

import dev.postern.Attempt;
import dev.postern.outbox.store.AttemptView;
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
                a.outcome().wireName(),
                a.outcome().detail(),
                a.degraded(),
                a.ambiguous(),
                // Abandoned at suspicion and sent on: the provider may have it as well as the next one.
                a.abandoned());
    }
}
