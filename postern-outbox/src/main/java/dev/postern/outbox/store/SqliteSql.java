package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite store's statements, each run inside the writer's transaction or on a reader. All but
 * insert, claim and the query plan are plain SQL that the PostgreSQL store runs too, on the same
 * tables.
 */
final class SqliteSql {
    // Spelled exactly as in the partial index's WHERE, so SQLite's planner can use that index.
    private static final String PENDING = "status IN ('queued', 'sending', 'deferred')";
    private static final String CLAIM =
            "SELECT id, created_at, rounds, email, raw_mime, envelope, recipients FROM messages" + " WHERE " + PENDING
                    + " AND due_at <= ? ORDER BY due_at LIMIT ?";
    // The same, only for messages accepted at or before a cut-off: those past max_age.
    private static final String CLAIM_EXPIRED =
            "SELECT id, created_at, rounds, email, raw_mime, envelope, recipients FROM messages" + " WHERE " + PENDING
                    + " AND due_at <= ? AND created_at <= ? ORDER BY due_at LIMIT ?";

    private SqliteSql() {}

    static Accepted insert(Connection c, NewMessage m, Duration window) throws SQLException {
        long created = m.createdAt().toEpochMilli();
        if (m.idempotencyKey() != null) {
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT message_id, created_at FROM idempotency_keys WHERE submitter = ? AND key = ?")) {
                find.setString(1, m.submitter().name());
                find.setString(2, m.idempotencyKey());
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next() && rs.getLong(2) > created - window.toMillis()) {
                        return new Accepted(rs.getString(1), false);
                    }
                }
            }
            // A key past its window is free again: it now names the new message.
            update(
                    c,
                    "INSERT OR REPLACE INTO idempotency_keys (submitter, key, message_id, created_at)"
                            + " VALUES (?, ?, ?, ?)",
                    m.submitter().name(),
                    m.idempotencyKey(),
                    m.id(),
                    created);
        }
        update(
                c,
                "INSERT INTO messages (id, status, created_at, due_at, email, raw_mime, envelope, submitter)"
                        + " VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)",
                m.id(),
                created,
                created,
                m.email(),
                m.rawMime(),
                m.envelope(),
                m.submitter().name());
        return new Accepted(m.id(), true);
    }

    static List<Claimed> claim(Connection c, Instant now, int limit, String owner, Duration lease) throws SQLException {
        return take(c, CLAIM, now, owner, lease, now.toEpochMilli(), limit);
    }

    /** As {@link #claim}, only messages created at or before {@code createdBefore}. */
    static List<Claimed> claimExpired(
            Connection c, Instant now, Instant createdBefore, int limit, String owner, Duration lease)
            throws SQLException {
        return take(c, CLAIM_EXPIRED, now, owner, lease, now.toEpochMilli(), createdBefore.toEpochMilli(), limit);
    }

    /** Leases to {@code owner} the messages that {@code query}, run with {@code params}, selects. */
    private static List<Claimed> take(
            Connection c, String query, Instant now, String owner, Duration lease, Object... params)
            throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(
                            rs.getString(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getInt(3) + 1,
                            rs.getBytes(4),
                            rs.getBytes(5),
                            rs.getString(6),
                            RecipientsJson.read(rs.getString(7), rs.getString(1))));
                }
            }
        }
        try (PreparedStatement take = c.prepareStatement("UPDATE messages SET status = 'sending',"
                + " lease_owner = ?, due_at = ?, rounds = rounds + 1 WHERE id = ?")) {
            for (Claimed m : claimed) {
                take.setString(1, owner);
                take.setLong(2, now.plus(lease).toEpochMilli());
                take.setString(3, m.id());
                take.addBatch();
            }
            take.executeBatch();
        }
        return claimed;
    }

    static boolean settle(Connection c, String id, String owner, int round, List<AttemptView> attempts, Settlement s)
            throws SQLException {
        // The owner and the round together are the claim: a round whose message was released and
        // claimed again since (by another instance, or by this one) no longer holds it.
        String set = "UPDATE messages SET status = ?, due_at = ?, lease_owner = NULL, provider = ?,"
                + " provider_message_id = ?, delivered_at = ?, detail = ?,"
                + " recipients = COALESCE(?, recipients)"
                + " WHERE id = ? AND status = 'sending' AND lease_owner = ? AND rounds = ?";
        String recipients = RecipientsJson.write(s.recipients());
        int changed = switch (s) {
            case Settlement.Delivered d ->
                update(
                        c,
                        set,
                        "delivered",
                        millis(d.at()),
                        d.provider(),
                        d.providerMessageId(),
                        millis(d.at()),
                        d.detail(),
                        recipients,
                        id,
                        owner,
                        round);
            case Settlement.Deferred d ->
                update(
                        c,
                        set,
                        "deferred",
                        millis(d.dueAt()),
                        null,
                        null,
                        null,
                        d.detail(),
                        recipients,
                        id,
                        owner,
                        round);
            case Settlement.Failed f ->
                update(c, set, "failed", millis(f.at()), null, null, null, f.detail(), recipients, id, owner, round);
        };
        boolean settled = changed == 1;
        EventSql.rememberProviderIds(c, id, s);
        recordAttempts(
                c,
                id,
                settled
                        ? attempts
                        : attempts.stream()
                                .map(AttemptView::asPossibleDuplicate)
                                .toList());
        return settled;
    }

    private static void recordAttempts(Connection c, String id, List<AttemptView> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        int seq;
        try (PreparedStatement max =
                c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM attempts WHERE message_id = ?")) {
            max.setString(1, id);
            try (ResultSet rs = max.executeQuery()) {
                rs.next();
                seq = rs.getInt(1);
            }
        }
        for (AttemptView a : attempts) {
            update(
                    c,
                    "INSERT INTO attempts (message_id, seq, provider, started_at, latency_ms, outcome, detail,"
                            + " degraded, ambiguous, possible_duplicate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    ++seq,
                    a.provider(),
                    millis(a.startedAt()),
                    a.latencyMs(),
                    a.outcome(),
                    a.detail(),
                    String.join(",", a.degraded()),
                    a.ambiguous() ? 1 : 0,
                    a.possibleDuplicate() ? 1 : 0);
        }
    }

    static int renew(Connection c, List<String> ids, String owner, Instant now, Duration lease) throws SQLException {
        int renewed = 0;
        try (PreparedStatement renew = c.prepareStatement(
                "UPDATE messages SET due_at = ? WHERE id = ? AND status = 'sending' AND lease_owner = ?")) {
            for (String id : ids) {
                renew.setLong(1, now.plus(lease).toEpochMilli());
                renew.setString(2, id);
                renew.setString(3, owner);
                renewed += renew.executeUpdate();
            }
        }
        return renewed;
    }

    static int makeDeferredDue(Connection c, Instant now) throws SQLException {
        return update(
                c,
                "UPDATE messages SET due_at = ? WHERE " + PENDING + " AND status = 'deferred' AND due_at > ?",
                millis(now),
                millis(now));
    }

    static int forgetKeys(Connection c, Instant before) throws SQLException {
        return update(c, "DELETE FROM idempotency_keys WHERE created_at < ?", millis(before));
    }

    /**
     * A write that changes nothing but needs the database's write lock, so it proves that a write
     * could commit now (in SQLite it takes the write lock; in PostgreSQL a read-only server refuses it).
     */
    static int probeWrite(Connection c) throws SQLException {
        return update(c, "DELETE FROM idempotency_keys WHERE 1 = 0");
    }

    static long countPending(Connection c) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM messages WHERE " + PENDING);
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Optional<Instant> oldestPending(Connection c) throws SQLException {
        try (PreparedStatement oldest = c.prepareStatement("SELECT MIN(created_at) FROM messages WHERE " + PENDING);
                ResultSet rs = oldest.executeQuery()) {
            rs.next();
            long millis = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        }
    }

    static String claimPlan(Connection c) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN QUERY PLAN " + CLAIM)) {
            explain.setLong(1, 0);
            explain.setInt(2, 1);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString("detail")).append('\n');
                }
            }
        }
        return plan.toString();
    }

    static List<String> recentTo(Connection c, String address, int scan, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        // ids are ULIDs, so the primary key's order is the order of acceptance
        try (PreparedStatement select =
                c.prepareStatement("SELECT id, email, envelope FROM messages ORDER BY id DESC LIMIT ?")) {
            select.setInt(1, scan);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && ids.size() < limit) {
                    if (EmailJson.addressedTo(rs.getBytes(2), rs.getString(3), address)) {
                        ids.add(rs.getString(1));
                    }
                }
            }
        }
        return ids;
    }

    static Optional<MessageView> find(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT status, created_at, due_at, provider,"
                + " provider_message_id, delivered_at, detail, email IS NOT NULL, submitter, recipients"
                + " FROM messages"
                + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long delivered = rs.getLong(6);
                Optional<Instant> deliveredAt =
                        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(delivered));
                return Optional.of(new MessageView(
                        id,
                        MessageStatus.fromWire(rs.getString(1)),
                        Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5)),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        deliveredAt,
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(7),
                        rs.getBoolean(8),
                        attempts(c, id),
                        new Submitter(rs.getString(9)),
                        RecipientsJson.read(rs.getString(10), id)));
            }
        }
    }

    private static List<AttemptView> attempts(Connection c, String id) throws SQLException {
        List<AttemptView> attempts = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT provider, started_at, latency_ms, outcome, detail,"
                + " degraded, ambiguous, possible_duplicate FROM attempts WHERE message_id = ? ORDER BY seq")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String degraded = rs.getString(6);
                    attempts.add(new AttemptView(
                            rs.getString(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            Duration.ofMillis(rs.getLong(3)),
                            rs.getString(4),
                            rs.getString(5),
                            degraded.isEmpty() ? List.of() : Arrays.asList(degraded.split(",")),
                            rs.getBoolean(7),
                            rs.getBoolean(8)));
                }
            }
        }
        return attempts;
    }

    private static Long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }
}
