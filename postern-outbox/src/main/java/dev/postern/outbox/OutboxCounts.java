package dev.postern.outbox;

/**
 * What this outbox did since it opened, for metrics: messages accepted, and rounds settled as
 * delivered, deferred (to be retried) or failed (for good). Counters only go up.
 *
 * @param possibleDuplicates attempts that may have handed a message over a second time: abandoned
 *     after hand-off when their provider turned suspect and the message was sent on (docs/routing.md,
 *     "Suspect providers"), or made by a round that lost its claim while it ran (docs/scaling.md,
 *     "Fencing")
 */
public record OutboxCounts(long accepted, long delivered, long deferred, long failed, long possibleDuplicates) {

    /** Counts without possible duplicates. */
    public OutboxCounts(long accepted, long delivered, long deferred, long failed) {
        this(accepted, delivered, deferred, failed, 0);
    }
}
