package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claiming the outbound webhook's queue, as messages are claimed: a claimed row is leased to its
 * claimant ({@code due_at} becomes the lease's end) and its attempt count goes up; a lease that
 * ends without a settlement (the claimant died mid-POST) makes the row due again.
 */
final class EventClaims {
    private EventClaims() {}

    /** SQLite: the one writer's transaction makes select-then-update atomic. */
    static List<EventDelivery> sqlite(Connection c, Instant now, int limit, String owner, Duration lease)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT event_id, attempts FROM event_deliveries"
                + " WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?")) {
            select.setLong(1, now.toEpochMilli());
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    attempts.add(rs.getInt(2));
                }
            }
        }
        for (String id : ids) {
            EventSql.update(
                    c,
                    "UPDATE event_deliveries SET lease_owner = ?, due_at = ?, attempts = attempts + 1 WHERE event_id = ?",
                    owner,
                    now.plus(lease).toEpochMilli(),
                    id);
        }
        return deliveries(c, ids, attempts);
    }

    /**
     * PostgreSQL: {@code FOR UPDATE SKIP LOCKED}, so gateways sharing the queue never wait on or
     * claim each other's rows; a lease ends by the database's clock, which no gateway's skew moves.
     */
    static List<EventDelivery> postgres(Connection c, Instant now, int limit, String owner, Duration lease)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        String dbNow = PostgresSql.DB_NOW;
        try (PreparedStatement claim = c.prepareStatement("WITH due AS (SELECT event_id FROM event_deliveries"
                + " WHERE status = 'pending' AND due_at <= GREATEST(?, " + dbNow + ")"
                + " AND (lease_owner IS NULL AND due_at <= ? OR lease_owner IS NOT NULL AND due_at <= " + dbNow
                + ") ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE event_deliveries d SET lease_owner = ?, due_at = " + dbNow + " + ?,"
                + " attempts = d.attempts + 1 FROM due WHERE d.event_id = due.event_id"
                + " RETURNING d.event_id, d.attempts - 1")) {
            claim.setLong(1, now.toEpochMilli());
            claim.setLong(2, now.toEpochMilli());
            claim.setInt(3, limit);
            claim.setString(4, owner);
            claim.setLong(5, lease.toMillis());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    attempts.add(rs.getInt(2));
                }
            }
        }
        return deliveries(c, ids, attempts);
    }

    private static List<EventDelivery> deliveries(Connection c, List<String> ids, List<Integer> attempts)
            throws SQLException {
        List<EventDelivery> claimed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            claimed.add(new EventDelivery(EventSql.byId(c, ids.get(i)), attempts.get(i)));
        }
        return claimed;
    }
}
