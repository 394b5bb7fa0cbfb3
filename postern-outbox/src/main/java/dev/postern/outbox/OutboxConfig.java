package dev.postern.outbox;

import dev.postern.outbox.store.Store;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox stores and dispatches mail. Validated once; {@link #DEFAULTS} names every default
 * and the {@code with…} methods make variants.
 *
 * @param store where messages live: {@code sqlite:PATH} (the file and its directory are created)
 * @param retry the backoff between rounds of a deferred message
 * @param maxAge how long after acceptance a message is retried before it fails
 * @param lease how long a dispatcher owns a claimed message; longer than the slowest send (all
 *     attempts of one round), because a message whose lease expires is claimed and sent again
 * @param concurrency the most messages sent at once (each on a virtual thread)
 * @param batchSize the most messages claimed in one store transaction
 * @param maxQueue the most pending (not yet delivered or failed) messages; beyond it accepting fails
 *     with a retryable {@link OutboxUnavailableException}
 * @param retention how long the payload (structured and raw) of a final message, delivered or failed,
 *     is kept after it became final; its status, times, provider ids and attempts stay
 * @param recordRetention how long a final message's record is kept after it became final; then the
 *     message and its attempts are deleted. At least {@code retention} and {@code idempotencyWindow}
 *     (an idempotency key must not outlive the message it names)
 * @param idempotencyWindow how long an idempotency key maps to its first message
 * @param pollInterval how often the dispatcher looks for due messages when nothing wakes it
 * @param purgeInterval how often payloads and records past retention and expired idempotency keys
 *     are removed
 * @param maxWriteBatch the most writes one transaction (one fsync) carries; 1 disables group commit
 * @param storeWriteTimeout the longest an accept or a claim waits for the store; past it the write
 *     fails with a retryable {@link OutboxUnavailableException} instead of waiting on a stuck store
 */
public record OutboxConfig(
        String store,
        RetryConfig retry,
        Duration maxAge,
        Duration lease,
        int concurrency,
        int batchSize,
        long maxQueue,
        Duration retention,
        Duration recordRetention,
        Duration idempotencyWindow,
        Duration pollInterval,
        Duration purgeInterval,
        int maxWriteBatch,
        Duration storeWriteTimeout) {

    public static final OutboxConfig DEFAULTS = new OutboxConfig(
            "sqlite:./data/postern.db",
            RetryConfig.DEFAULTS,
            Duration.ofHours(72),
            Duration.ofMinutes(2),
            256,
            128,
            1_000_000,
            Duration.ofDays(7),
            Duration.ofDays(30),
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            Duration.ofMinutes(10),
            512,
            Store.DEFAULT_WRITE_TIMEOUT);

    public OutboxConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(retry, "retry");
        positive("max_age", maxAge);
        positive("lease", lease);
        positive("retention", retention);
        positive("record_retention", recordRetention);
        positive("idempotency_window", idempotencyWindow);
        positive("poll_interval", pollInterval);
        positive("purge_interval", purgeInterval);
        atLeastOne("concurrency", concurrency);
        atLeastOne("batch_size", batchSize);
        atLeastOne("max_queue", maxQueue);
        atLeastOne("max_write_batch", maxWriteBatch);
        positive("store_write_timeout", storeWriteTimeout);
        if (recordRetention.compareTo(retention) < 0 || recordRetention.compareTo(idempotencyWindow) < 0) {
            throw new IllegalArgumentException("record_retention must be >= retention (" + retention
                    + ") and >= idempotency_window (" + idempotencyWindow + "), but was " + recordRetention);
        }
    }

    public OutboxConfig withStore(String store) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withRetry(RetryConfig retry) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withMaxAge(Duration maxAge) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withLease(Duration lease) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withConcurrency(int concurrency) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withMaxQueue(long maxQueue) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    /** Both retention periods at once, since each bounds the other. */
    public OutboxConfig withRetention(Duration retention, Duration recordRetention) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withPollInterval(Duration pollInterval) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withMaxWriteBatch(int maxWriteBatch) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    public OutboxConfig withStoreWriteTimeout(Duration storeWriteTimeout) {
        return new OutboxConfig(
                store,
                retry,
                maxAge,
                lease,
                concurrency,
                batchSize,
                maxQueue,
                retention,
                recordRetention,
                idempotencyWindow,
                pollInterval,
                purgeInterval,
                maxWriteBatch,
                storeWriteTimeout);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, but was " + value);
        }
    }

    private static void atLeastOne(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, but was " + value);
        }
    }
}
