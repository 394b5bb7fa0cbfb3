package dev.postern.outbox.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;

/**
 * The shared store: one PostgreSQL database that any number of gateways use at once (docs/scaling.md).
 * Accepts without an idempotency key and settles are committed in groups ({@link
 * PostgresGroupCommit}); every other write is its own transaction on a pooled connection (HikariCP). Claims use {@code FOR UPDATE SKIP LOCKED}, so instances never wait on or
 * take each other's rows.
 */
final class PostgresStore implements Store {
    /** How stale {@link #pending()} may be about other instances' work; this instance's is exact. */
    private static final long RECOUNT_NANOS = Duration.ofSeconds(1).toNanos();

    /** Writer threads per group commit: while one batch waits for its commit, the next is being sent. */
    private static final int GROUP_WRITERS = 2;

    private final HikariDataSource pool;
    /**
     * Connections the dispatcher's claims may hold at once: half the pool, so that accepts — which
     * a client waits on — always find one. Settles need no bound: their group commit holds at most
     * one connection per writer thread.
     */
    private final Semaphore dispatchConnections;

    private final PostgresCluster cluster;
    private final EventStore events = new Events();
    private final PostgresGroupCommit<NewMessage, Accepted> inserts;
    private final PostgresGroupCommit<SettleWrite, Boolean> settles;
    private final Suppressions suppressions;
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong delta = new AtomicLong();
    private final AtomicBoolean recounting = new AtomicBoolean();
    private volatile long countedAt;

    private PostgresStore(HikariDataSource pool, int maxBatch, Duration writeTimeout) {
        this.pool = pool;
        this.dispatchConnections = new Semaphore(Math.max(1, pool.getMaximumPoolSize() / 2), true);
        Transactions transactions = new Transactions(pool);
        this.cluster = new PostgresCluster(transactions);
        this.inserts = new PostgresGroupCommit<>(
                "inserts", transactions, GROUP_WRITERS, maxBatch, writeTimeout, PostgresSql::insertAll);
        this.settles = new PostgresGroupCommit<>(
                "settles", transactions, GROUP_WRITERS, maxBatch, writeTimeout, SettleWrite::settleAll);
        // No cache: every instance sharing the database sees an entry another added at once. Each
        // round reads the list, so a read is one statement without a transaction around it.
        this.suppressions = new SqlSuppressions(transactions::read, this::tx);
    }

    static PostgresStore open(String location, int poolSize) {
        return open(location, poolSize, Store.DEFAULT_WRITE_TIMEOUT);
    }

    static PostgresStore open(String location, int poolSize, Duration writeTimeout) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("max_write_batch must be >= 1, but was " + poolSize);
        }
        PostgresUrl url = PostgresUrl.parse(location);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setPoolName("postern-store");
        // Enough for the dispatcher's claims and settles beside the HTTP accepts; more only adds
        // contention in PostgreSQL.
        config.setMaximumPoolSize(Math.clamp(poolSize, 4, 16));
        // Bounded waits: for a connection, and for every answer of the database (a server that hangs,
        // a row lock never released), so that no accept or claim waits forever. A socketTimeout
        // given in the URL wins.
        config.setConnectionTimeout(Math.max(250, writeTimeout.toMillis()));
        config.addDataSourceProperty("socketTimeout", Math.max(1, (writeTimeout.toMillis() + 999) / 1000));
        // A batch of accepts goes to the server as one multi-row INSERT (PostgresGroupCommit).
        config.addDataSourceProperty("reWriteBatchedInserts", true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the PostgreSQL store at " + url + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/postgresql")
                    .load()
                    .migrate();
            PostgresStore store = new PostgresStore(pool, poolSize, writeTimeout);
            store.recount();
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open the PostgreSQL store at " + url + ": " + e.getMessage(), e);
        }
    }

    private <T> T tx(SqliteWriter.Work<T> work) {
        return new Transactions(pool).run(work);
    }

    private <T> T dispatchTx(SqliteWriter.Work<T> work) {
        dispatchConnections.acquireUninterruptibly();
        try {
            return tx(work);
        } finally {
            dispatchConnections.release();
        }
    }

    @Override
    public Accepted insert(NewMessage message, Duration idempotencyWindow) {
        Accepted accepted = message.idempotencyKey() == null
                ? inserts.write(message)
                : tx(c -> PostgresSql.insert(c, message, idempotencyWindow));
        if (accepted.created()) {
            delta.incrementAndGet();
        }
        return accepted;
    }

    @Override
    public List<Claimed> claim(Instant now, int limit, String owner, Duration lease) {
        return dispatchTx(c -> PostgresSql.claim(c, now, limit, owner, lease));
    }

    @Override
    public List<Claimed> claimExpired(Instant now, Instant createdBefore, int limit, String owner, Duration lease) {
        return dispatchTx(c -> PostgresSql.claimExpired(c, now, createdBefore, limit, owner, lease));
    }

    @Override
    public int renew(List<String> ids, String owner, Instant now, Duration lease) {
        return ids.isEmpty() ? 0 : tx(c -> PostgresSql.renew(c, ids, owner, lease));
    }

    @Override
    public boolean settle(String id, String owner, int round, List<AttemptView> attempts, Settlement settlement) {
        boolean settled = settles.write(new SettleWrite(id, owner, round, attempts, settlement));
        if (settled && !(settlement instanceof Settlement.Deferred)) {
            delta.decrementAndGet();
        }
        return settled;
    }

    @Override
    public int makeDeferredDue(Instant now) {
        return tx(c -> SqliteSql.makeDeferredDue(c, now));
    }

    @Override
    public Optional<MessageView> find(String id) {
        return tx(c -> SqliteSql.find(c, id));
    }

    @Override
    public List<String> recentTo(String address, int scan, int limit) {
        return tx(c -> SqliteSql.recentTo(c, address, scan, limit));
    }

    @Override
    public Purged purge(Instant payloadsBefore, Instant recordsBefore, Instant keysBefore) {
        // Chunk by chunk, each its own transaction.
        int payloads = 0;
        for (int n; (n = tx(c -> PurgeSql.payloads(c, payloadsBefore))) > 0; ) {
            payloads += n;
        }
        int records = 0;
        for (int n; (n = tx(c -> PurgeSql.records(c, recordsBefore))) > 0; ) {
            records += n;
        }
        tx(c -> SqliteSql.forgetKeys(c, keysBefore));
        return new Purged(payloads, records);
    }

    @Override
    public boolean writable() {
        try {
            tx(SqliteSql::probeWrite);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /**
     * The backlog of all instances: counted in the database at most once a second (a count over the
     * partial pending index), plus this instance's own accepts and settles since, so it stays cheap
     * on every accept and exact for a single gateway.
     */
    @Override
    public long pending() {
        // One caller recounts at a time; the others answer from the count they have rather than
        // queue behind it: every accept asks (backpressure), and a queue of recounts stalls them all.
        if (System.nanoTime() - countedAt > RECOUNT_NANOS && recounting.compareAndSet(false, true)) {
            try {
                recount();
            } catch (StoreException e) {
                // The last count is still a fair answer for backpressure; accepts will fail on their own.
            } finally {
                recounting.set(false);
            }
        }
        return Math.max(0, counted.get() + delta.get());
    }

    private synchronized void recount() {
        long before = delta.get();
        counted.set(tx(SqliteSql::countPending));
        delta.addAndGet(-before);
        countedAt = System.nanoTime();
    }

    @Override
    public Optional<Instant> oldestPending() {
        // The same portable query as SQLite's: both schemas keep times as epoch milliseconds.
        return tx(SqliteSql::oldestPending);
    }

    @Override
    public EventStore events() {
        return events;
    }

    private final class Events implements EventStore {
        @Override
        public List<StoredEvent> recordEvents(
                String provider, List<DeliveryEvent> events, Instant receivedAt, boolean outbound) {
            return tx(c -> EventSql.record(c, provider, events, receivedAt, outbound));
        }

        @Override
        public List<StoredEvent> messageEvents(String messageId, int limit) {
            return tx(c -> EventSql.ofMessage(c, messageId, limit));
        }

        @Override
        public List<StoredEvent> recentEvents(Set<DeliveryEventType> types, int limit) {
            return tx(c -> EventSql.recent(c, types, limit));
        }

        @Override
        public List<EventDelivery> claimDeliveries(Instant now, int limit, String owner, Duration lease) {
            return tx(c -> EventClaims.postgres(c, now, limit, owner, lease));
        }

        @Override
        public boolean settleDelivery(String eventId, String owner, DeliveryResult result) {
            return tx(c -> EventSql.settle(c, eventId, owner, result));
        }

        @Override
        public long deliveryDepth() {
            return tx(EventSql::depth);
        }
    }

    @Override
    public Suppressions suppressions() {
        return suppressions;
    }

    @Override
    public Optional<Cluster> cluster() {
        return Optional.of(cluster);
    }

    @Override
    public void close() {
        inserts.close();
        settles.close();
        pool.close();
    }

    /** One {@link #settle} call, waiting for its group's commit. */
    record SettleWrite(String id, String owner, int round, List<AttemptView> attempts, Settlement settlement) {
        /** Settles {@code writes} in one transaction, their rows locked first in one statement, in id order. */
        static List<Boolean> settleAll(Connection c, List<SettleWrite> writes) throws SQLException {
            PostgresSql.lock(c, writes.stream().map(SettleWrite::id).toList());
            List<Boolean> settled = new ArrayList<>(writes.size());
            for (SettleWrite w : writes) {
                settled.add(SqliteSql.settle(c, w.id(), w.owner(), w.round(), w.attempts(), w.settlement()));
            }
            return settled;
        }
    }

    /** Runs work in one transaction on a pooled connection. */
    record Transactions(HikariDataSource pool) {
        <T> T run(SqliteWriter.Work<T> work) {
            if (pool.isClosed()) {
                throw new StoreException("store is closed", null);
            }
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("PostgreSQL store failed: " + e.getMessage(), e);
            }
        }

        /**
         * Runs a read of one statement outside an explicit transaction: one round trip instead of
         * three (begin, read, commit), for reads on the delivery path such as the suppression list.
         */
        <T> T read(SqliteWriter.Work<T> work) {
            if (pool.isClosed()) {
                throw new StoreException("store is closed", null);
            }
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                throw new StoreException("PostgreSQL store failed: " + e.getMessage(), e);
            }
        }
    }
}
