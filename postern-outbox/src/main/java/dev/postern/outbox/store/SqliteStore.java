package dev.postern.outbox.store;

import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit is on
 * disk when it returns. All writes go through one {@link SqliteWriter} (group commit); reads use a
 * small pool of their own connections, which WAL lets run beside the writer.
 */
final class SqliteStore implements Store {
    private static final int READERS = 4;

    private final SqliteWriter writer;
    private final SqliteReaders readers;
    private final AtomicLong pending;
    private final EventStore events = new Events();
    private final Suppressions suppressions;

    private SqliteStore(SqliteWriter writer, SqliteReaders readers, long pending) {
        this.writer = writer;
        this.readers = readers;
        this.pending = new AtomicLong(pending);
        this.suppressions = new SqlSuppressions(readers::read, writer::write);
    }

    static SqliteStore open(String path, int maxWriteBatch) {
        return open(path, maxWriteBatch, Store.DEFAULT_WRITE_TIMEOUT);
    }

    static SqliteStore open(String path, int maxWriteBatch, Duration writeTimeout) {
        if (maxWriteBatch < 1) {
            throw new IllegalArgumentException("max_write_batch must be >= 1, but was " + maxWriteBatch);
        }
        String url = "jdbc:sqlite:" + path;
        try {
            SqliteFiles.create(Path.of(path));
            Connection writes = connect(url);
            Flyway.configure()
                    .dataSource(url, "", "")
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
            SqliteReaders readers = new SqliteReaders(READERS, () -> connect(url));
            long pending = readers.read(SqliteSql::countPending);
            return new SqliteStore(new SqliteWriter(writes, maxWriteBatch, writeTimeout), readers, pending);
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            throw new StoreException("cannot open the SQLite store at " + path + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the WAL is synced at every commit, so "accepted" survives a power cut, not only a crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // Postern reads no generated keys; with this on, the driver matches every statement's SQL
        // against a pattern and runs "SELECT last_insert_rowid()" after every INSERT, on the one
        // writer thread every accept and settle waits for.
        config.setGetGeneratedKeys(false);
        return config.createConnection(url);
    }

    @Override
    public Accepted insert(NewMessage message, Duration idempotencyWindow) {
        Accepted accepted = writer.write(c -> SqliteSql.insert(c, message, idempotencyWindow));
        if (accepted.created()) {
            pending.incrementAndGet();
        }
        return accepted;
    }

    @Override
    public List<Claimed> claim(Instant now, int limit, String owner, Duration lease) {
        return writer.write(c -> SqliteSql.claim(c, now, limit, owner, lease));
    }

    @Override
    public List<Claimed> claimExpired(Instant now, Instant createdBefore, int limit, String owner, Duration lease) {
        return writer.write(c -> SqliteSql.claimExpired(c, now, createdBefore, limit, owner, lease));
    }

    @Override
    public int renew(List<String> ids, String owner, Instant now, Duration lease) {
        return ids.isEmpty() ? 0 : writer.write(c -> SqliteSql.renew(c, ids, owner, now, lease));
    }

    @Override
    public boolean settle(String id, String owner, int round, List<AttemptView> attempts, Settlement settlement) {
        boolean settled = writer.write(c -> SqliteSql.settle(c, id, owner, round, attempts, settlement));
        if (settled && !(settlement instanceof Settlement.Deferred)) {
            pending.decrementAndGet();
        }
        return settled;
    }

    @Override
    public int makeDeferredDue(Instant now) {
        return writer.write(c -> SqliteSql.makeDeferredDue(c, now));
    }

    @Override
    public Optional<MessageView> find(String id) {
        return readers.read(c -> SqliteSql.find(c, id));
    }

    @Override
    public List<String> recentTo(String address, int scan, int limit) {
        return readers.read(c -> SqliteSql.recentTo(c, address, scan, limit));
    }

    @Override
    public Purged purge(Instant payloadsBefore, Instant recordsBefore, Instant keysBefore) {
        // Chunk by chunk, each its own transaction, so that accepts are never held up behind one long one.
        int payloads = 0;
        for (int n; (n = writer.write(c -> PurgeSql.payloads(c, payloadsBefore))) > 0; ) {
            payloads += n;
        }
        int records = 0;
        for (int n; (n = writer.write(c -> PurgeSql.records(c, recordsBefore))) > 0; ) {
            records += n;
        }
        writer.write(c -> SqliteSql.forgetKeys(c, keysBefore));
        return new Purged(payloads, records);
    }

    @Override
    public boolean writable() {
        try {
            writer.write(SqliteSql::probeWrite);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public Suppressions suppressions() {
        return suppressions;
    }

    /** The writer, so that tests can put faults through its own door. */
    SqliteWriter writer() {
        return writer;
    }

    @Override
    public long pending() {
        return pending.get();
    }

    @Override
    public Optional<Instant> oldestPending() {
        return readers.read(SqliteSql::oldestPending);
    }

    /** The SQLite plan for the claim query, so tests can prove it reads the partial index. */
    String claimPlan() {
        return readers.read(SqliteSql::claimPlan);
    }

    private final class Events implements EventStore {
        @Override
        public List<StoredEvent> recordEvents(
                String provider, List<DeliveryEvent> events, Instant receivedAt, boolean outbound) {
            return writer.write(c -> EventSql.record(c, provider, events, receivedAt, outbound));
        }

        @Override
        public List<StoredEvent> messageEvents(String messageId, int limit) {
            return readers.read(c -> EventSql.ofMessage(c, messageId, limit));
        }

        @Override
        public List<StoredEvent> recentEvents(Set<DeliveryEventType> types, int limit) {
            return readers.read(c -> EventSql.recent(c, types, limit));
        }

        @Override
        public List<EventDelivery> claimDeliveries(Instant now, int limit, String owner, Duration lease) {
            return writer.write(c -> EventClaims.sqlite(c, now, limit, owner, lease));
        }

        @Override
        public boolean settleDelivery(String eventId, String owner, DeliveryResult result) {
            return writer.write(c -> EventSql.settle(c, eventId, owner, result));
        }

        @Override
        public long deliveryDepth() {
            return readers.read(EventSql::depth);
        }
    }

    @Override
    public void close() {
        writer.close();
        readers.close();
    }
}
