package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statements where PostgreSQL needs its own SQL: upserting idempotency keys, claiming with
 * {@code FOR UPDATE SKIP LOCKED}, which lets many gateways claim from one table without waiting on
 * or double-claiming each other's rows, and leases on the database's clock ({@link #DB_NOW}), which
 * the gateways' clocks cannot move. Everything else is shared with SQLite ({@link SqliteSql}).
 */
final class PostgresSql {
    /**
     * The database's clock in epoch milliseconds, as the tables keep times. The statement's start
     * rather than {@code clock_timestamp()}: one value for all rows of a statement, so that it can
     * bound an index scan.
     */
    static final String DB_NOW = "CAST(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 AS BIGINT)";

    // Queued and deferred messages are due by the times the instances gave them (a skewed clock
    // moves a retry by its skew, never sends twice); a lease ends by the database's clock alone.
    private static final String CLAIM = claim("");
    // The same, only for messages accepted at or before a cut-off: those past max_age.
    private static final String CLAIM_EXPIRED = claim(" AND created_at <= ?");

    private static String claim(String andAlso) {
        return "WITH due AS (SELECT id, due_at FROM messages"
                + " WHERE status IN ('queued', 'sending', 'deferred') AND due_at <= GREATEST(?, " + DB_NOW + ")"
                + " AND (status <> 'sending' AND due_at <= ? OR status = 'sending' AND due_at <= " + DB_NOW + ")"
                + andAlso
                + " ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE messages m SET status = 'sending', lease_owner = ?, due_at = " + DB_NOW + " + ?,"
                + " rounds = m.rounds + 1"
                + " FROM due WHERE m.id = due.id"
                + " RETURNING m.id, m.created_at, m.rounds, m.email, m.raw_mime, m.envelope, due.due_at, m.recipients";
    }

    /** A new message, queued and due at once; bound by {@link #bindInsert}. */
    static final String INSERT = "INSERT INTO messages (id, status, created_at, due_at, email, raw_mime, envelope,"
            + " submitter) VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)";

    private PostgresSql() {}

    static void bindInsert(PreparedStatement insert, NewMessage m) throws SQLException {
        long created = m.createdAt().toEpochMilli();
        insert.setString(1, m.id());
        insert.setLong(2, created);
        insert.setLong(3, created);
        insert.setBytes(4, m.email());
        insert.setBytes(5, m.rawMime());
        insert.setString(6, m.envelope());
        insert.setString(7, m.submitter().name());
    }

    static Accepted insert(Connection c, NewMessage m, Duration window) throws SQLException {
        long created = m.createdAt().toEpochMilli();
        if (m.idempotencyKey() != null) {
            // One statement, so two instances accepting the same key at once cannot both win: the
            // second waits on the first's row lock, then sees its key.
            try (PreparedStatement upsert =
                    c.prepareStatement("INSERT INTO idempotency_keys (submitter, key, message_id, created_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (submitter, key) DO UPDATE"
                            + " SET message_id = EXCLUDED.message_id, created_at = EXCLUDED.created_at"
                            + " WHERE idempotency_keys.created_at <= ? RETURNING message_id")) {
                upsert.setString(1, m.submitter().name());
                upsert.setString(2, m.idempotencyKey());
                upsert.setString(3, m.id());
                upsert.setLong(4, created);
                upsert.setLong(5, created - window.toMillis());
                try (ResultSet rs = upsert.executeQuery()) {
                    if (!rs.next()) {
                        return new Accepted(earlier(c, m), false);
                    }
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            bindInsert(insert, m);
            insert.executeUpdate();
        }
        return new Accepted(m.id(), true);
    }

    private static String earlier(Connection c, NewMessage m) throws SQLException {
        try (PreparedStatement find =
                c.prepareStatement("SELECT message_id FROM idempotency_keys WHERE submitter = ? AND key = ?")) {
            find.setString(1, m.submitter().name());
            find.setString(2, m.idempotencyKey());
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private record Row(Claimed claimed, long dueAt) {}

    static List<Claimed> claim(Connection c, Instant now, int limit, String owner, Duration lease) throws SQLException {
        return take(c, CLAIM, now.toEpochMilli(), now.toEpochMilli(), limit, owner, lease.toMillis());
    }

    /** As {@link #claim}, only messages created at or before {@code createdBefore}. */
    static List<Claimed> claimExpired(
            Connection c, Instant now, Instant createdBefore, int limit, String owner, Duration lease)
            throws SQLException {
        return take(
                c,
                CLAIM_EXPIRED,
                now.toEpochMilli(),
                now.toEpochMilli(),
                createdBefore.toEpochMilli(),
                limit,
                owner,
                lease.toMillis());
    }

    private static List<Claimed> take(Connection c, String query, Object... params) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                claim.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            new Claimed(
                                    rs.getString(1),
                                    Instant.ofEpochMilli(rs.getLong(2)),
                                    rs.getInt(3),
                                    rs.getBytes(4),
                                    rs.getBytes(5),
                                    rs.getString(6),
                                    RecipientsJson.read(rs.getString(8), rs.getString(1))),
                            rs.getLong(7)));
                }
            }
        }
        // UPDATE … RETURNING has no order of its own; the contract is earliest due first.
        rows.sort(Comparator.comparingLong(Row::dueAt));
        return rows.stream().map(Row::claimed).toList();
    }

    /** As {@link SqliteSql#renew}, with the lease measured from the database's clock. */
    static int renew(Connection c, List<String> ids, String owner, Duration lease) throws SQLException {
        int renewed = 0;
        try (PreparedStatement renew = c.prepareStatement("UPDATE messages SET due_at = " + DB_NOW + " + ?"
                + " WHERE id = ? AND status = 'sending' AND lease_owner = ?")) {
            for (String id : ids) {
                renew.setLong(1, lease.toMillis());
                renew.setString(2, id);
                renew.setString(3, owner);
                renewed += renew.executeUpdate();
            }
        }
        return renewed;
    }

    /** Locks messages {@code ids}, so that two settles of one message number their attempts in turn. */
    static void lock(Connection c, List<String> ids) throws SQLException {
        // In id order, so that two transactions locking overlapping sets cannot deadlock.
        try (PreparedStatement lock =
                c.prepareStatement("SELECT 1 FROM messages WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, c.createArrayOf("text", ids.toArray()));
            lock.executeQuery().close();
        }
    }

    /** Inserts {@code messages} as one multi-row INSERT: the driver rewrites the batch (reWriteBatchedInserts). */
    static List<Accepted> insertAll(Connection c, List<NewMessage> messages) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (NewMessage message : messages) {
                bindInsert(insert, message);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return messages.stream().map(m -> new Accepted(m.id(), true)).toList();
    }
}
