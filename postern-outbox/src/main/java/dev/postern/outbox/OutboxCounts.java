package dev.postern.outbox;

/**
 * What this outbox did since it opened, for metrics: messages accepted, and rounds settled as
 * delivered, deferred (to be retried) or failed (for good). Counters only go up.
 */
public record OutboxCounts(long accepted, long delivered, long deferred, long failed) {}
