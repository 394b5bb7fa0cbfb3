package dev.postern.outbox.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the outbox keeps messages: the SPI every back end implements and {@code StoreContract}
 * tests. Times are passed in rather than read from a clock, so a store holds no notion of "now".
 * Every method that changes data returns only after its transaction is durable. Methods throw
 * {@link StoreException} when the back end cannot be used; they never lose a message silently.
 *
 * <p>A message's {@code due_at} is when it next needs attention: for queued and deferred messages
 * when it may be sent, for a {@code sending} message when its lease expires (on the store's
 * clock, see {@link #claim}).
 */
public interface Store extends AutoCloseable {

    /**
     * How long a caller waits for a write at most, unless the store is opened with another bound:
     * far above a healthy commit (milliseconds), well below what an HTTP or SMTP client waits.
     */
    Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Opens the store at {@code location} ({@code sqlite:PATH} or {@code
     * postgresql://user[:password]@host[:port]/database}), creating and migrating it as needed.
     *
     * @param maxWriteBatch for SQLite the most writes to commit in one transaction (1 commits each on
     *     its own); for PostgreSQL the most accepts one transaction carries, and the size of the
     *     connection pool (kept within 4..16)
     */
    static Store open(String location, int maxWriteBatch) {
        return open(location, maxWriteBatch, DEFAULT_WRITE_TIMEOUT);
    }

    /**
     * As {@link #open(String, int)}, with {@code writeTimeout} the longest any caller waits for a
     * write (or, in PostgreSQL, for a connection and for each answer of the database) before the
     * write fails with a {@link StoreException}.
     */
    static Store open(String location, int maxWriteBatch, Duration writeTimeout) {
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("store_write_timeout must be > 0, but was " + writeTimeout);
        }
        if (location.startsWith("sqlite:")) {
            return SqliteStore.open(location.substring("sqlite:".length()), maxWriteBatch, writeTimeout);
        }
        if (location.startsWith("postgresql://") || location.startsWith("postgres://")) {
            return PostgresStore.open(location, maxWriteBatch, writeTimeout);
        }
        // Never echo the location: a malformed URL may still carry a password.
        throw new StoreException("store must be sqlite:PATH or postgresql://user@host:port/database", null);
    }

    /**
     * Stores a new queued message, due at its creation time, unless {@code message} carries an
     * idempotency key that its submitter already stored less than {@code idempotencyWindow} before
     * its creation: then nothing is stored and the earlier message's id is returned with {@code
     * created} false. The same key from another submitter is another key.
     */
    Accepted insert(NewMessage message, Duration idempotencyWindow);

    /**
     * Claims up to {@code limit} messages that are due (queued or deferred with {@code due_at} at or
     * before {@code now}, or sending with an expired lease), earliest due first: each becomes {@code
     * sending}, owned by {@code owner} for {@code lease}, and its round count goes up by one. The
     * round count is the claim's generation: {@link #settle} checks it, so a round whose message was
     * claimed again since cannot settle it.
     *
     * <p>Leases are measured on the store's clock: the caller's {@code now} for a store one process
     * owns (SQLite), the database's own clock for a store several processes share (PostgreSQL), so
     * that an instance whose clock is ahead cannot end another instance's lease early.
     */
    List<Claimed> claim(Instant now, int limit, String owner, Duration lease);

    /**
     * As {@link #claim}, but only messages accepted at or before {@code createdBefore}: those past
     * {@code max_age}, claimed while no provider can take mail so that their last round fails them
     * on time, while the rest are left unclaimed until a provider is back.
     */
    List<Claimed> claimExpired(Instant now, Instant createdBefore, int limit, String owner, Duration lease);

    /**
     * Extends by {@code lease} from now (on the store's clock, as in {@link #claim}) the leases
     * {@code owner} still holds on messages {@code ids}, so that a round longer than the lease is
     * not claimed again while its owner is alive.
     *
     * @return how many leases were extended (those lost or settled are not)
     */
    int renew(List<String> ids, String owner, Instant now, Duration lease);

    /**
     * If {@code owner} still holds the claim of round {@code round} on message {@code id} (it was
     * not claimed again since), moves the message as {@code settlement} says. Records {@code
     * attempts} either way, because they happened; when the claim was lost, those that may have
     * handed the message over are marked {@link AttemptView#possibleDuplicate() possible
     * duplicates}.
     *
     * @return false when the claim was lost (released or expired and claimed again, or settled)
     */
    boolean settle(String id, String owner, int round, List<AttemptView> attempts, Settlement settlement);

    /** Makes every deferred message due at {@code now} (a provider recovered); returns how many. */
    int makeDeferredDue(Instant now);

    Optional<MessageView> find(String id);

    /**
     * The ids, newest first, of at most {@code limit} messages addressed to {@code address} (see
     * {@link dev.postern.outbox.store.EmailJson#addressedTo}) among the latest {@code scan}
     * accepted. Bounded by {@code scan}, so an operator's search never reads the whole store;
     * messages whose payload was purged are not found.
     */
    List<String> recentTo(String address, int scan, int limit);

    /**
     * Retention, for final messages (delivered or failed) by when they became final: empties the
     * payloads of those final before {@code payloadsBefore} (status, times, provider ids and attempts
     * stay), deletes those final before {@code recordsBefore} with their attempts, and forgets the
     * idempotency keys stored before {@code keysBefore}. Pending messages are never touched.
     */
    Purged purge(Instant payloadsBefore, Instant recordsBefore, Instant keysBefore);

    /**
     * Whether a write could commit now: a write that changes nothing is run through the same path
     * as every write. Answers within the store's write timeout; false when the store cannot write
     * (its writer is stuck or gone, the database is locked, unreachable or failing).
     */
    boolean writable();

    /** How many messages are neither delivered nor failed. Cheap: called on every accept. */
    long pending();

    /** When the oldest message that is neither delivered nor failed was accepted, if there is one. */
    Optional<Instant> oldestPending();

    /** The suppression list kept in this store: addresses no message is sent to. */
    Suppressions suppressions();

    /**
     * What gateways sharing this store share besides messages, for a store that several processes
     * can open at once (PostgreSQL); empty for SQLite, where all of it stays in the one process.
     */
    default Optional<Cluster> cluster() {
        return Optional.empty();
    }

    /** Delivery events and the outbound webhook's queue, kept in this store's database. */
    EventStore events();

    /** Waits for writes in progress, then releases the back end. Closing twice is harmless. */
    @Override
    void close();
}
