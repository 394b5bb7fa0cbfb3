package dev.postern.outbox.store;

/**
 * What one purge removed.
 *
 * @param payloads final messages whose payload (structured and raw) was emptied
 * @param records final messages deleted with their attempts
 */
public record Purged(int payloads, int records) {}
