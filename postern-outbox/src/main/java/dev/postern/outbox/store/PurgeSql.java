package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention's statements, shared by both stores, one chunk per transaction so that a large purge
 * never holds up accepts behind one long transaction. Only final messages (delivered or failed)
 * are touched, by when they became final: the {@code due_at} that settling them set.
 */
final class PurgeSql {
    static final int CHUNK = 1000;
    private static final String FINAL = "status IN ('delivered', 'failed')";

    private PurgeSql() {}

    /** Empties the payloads of up to {@link #CHUNK} messages final before {@code before}; how many. */
    static int payloads(Connection c, Instant before) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE messages SET email = NULL, raw_mime = NULL"
                + " WHERE id IN (SELECT id FROM messages WHERE " + FINAL
                + " AND email IS NOT NULL AND due_at < ? ORDER BY due_at LIMIT " + CHUNK + ")")) {
            update.setLong(1, before.toEpochMilli());
            return update.executeUpdate();
        }
    }

    /** Deletes up to {@link #CHUNK} messages final before {@code before}, with their attempts; how many. */
    static int records(Connection c, Instant before) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM messages WHERE " + FINAL + " AND due_at < ? ORDER BY due_at LIMIT " + CHUNK)) {
            select.setLong(1, before.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        // attempts first: they reference their message
        deleteEach(c, "DELETE FROM attempts WHERE message_id = ?", ids);
        // a purged message's provider ids match nothing any more; its events stay, unmatched
        deleteEach(c, "DELETE FROM provider_messages WHERE message_id = ?", ids);
        return deleteEach(c, "DELETE FROM messages WHERE id = ? AND " + FINAL, ids);
    }

    private static int deleteEach(Connection c, String sql, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            for (String id : ids) {
                delete.setString(1, id);
                delete.addBatch();
            }
            for (int n : delete.executeBatch()) {
                deleted += Math.max(n, 0);
            }
        }
        return deleted;
    }
}
