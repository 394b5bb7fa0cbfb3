package dev.postern.server.drill;

import dev.postern.outbox.OutboxCounts;
import java.time.Instant;

/**
 * One drill as it was started: what was asked, by whom ({@code api} or {@code schedule}), when, and
 * the outbox's counts at that moment (the report subtracts them from the counts at the restore).
 */
record DrillRun(String id, DrillRequest request, String origin, Instant startedAt, OutboxCounts atStart) {
    String provider() {
        return request.provider();
    }

    /** When the provider goes back into rotation unless the drill is aborted first. */
    Instant deadline() {
        return startedAt.plus(request.duration());
    }
}
