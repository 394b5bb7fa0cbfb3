package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The drill and provider-view part of {@link PostgresCluster}, on the tables of {@code
 * db/migration/postgresql/V6__cluster_drills.sql} and the {@code attempts} every instance writes.
 */
final class PostgresDrillTables {
    /** Scheduled-drill claims are kept this long, far beyond any jitter, then deleted. */
    static final Duration KEEP_SLOTS = Duration.ofDays(90);

    private final PostgresStore.Transactions tx;

    PostgresDrillTables(PostgresStore.Transactions tx) {
        this.tx = tx;
    }

    Cluster.Drill startDrill(Cluster.Drill drill, Instant now) {
        return tx.run(c -> {
            // one upsert: the row is taken only when there is none, or the one there has run out
            int taken = update(
                    c,
                    "INSERT INTO cluster_drill AS d (slot, id, provider, instance_id, started_at, until_at)"
                            + " VALUES ('drill', ?, ?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET"
                            + " id = EXCLUDED.id, provider = EXCLUDED.provider, instance_id = EXCLUDED.instance_id,"
                            + " started_at = EXCLUDED.started_at, until_at = EXCLUDED.until_at"
                            + " WHERE d.until_at <= ?",
                    drill.id(),
                    drill.provider(),
                    drill.instance(),
                    drill.startedAt().toEpochMilli(),
                    drill.until().toEpochMilli(),
                    now.toEpochMilli());
            return taken == 1 ? drill : current(c, now).orElse(drill);
        });
    }

    void endDrill(String id) {
        tx.run(c -> update(c, "DELETE FROM cluster_drill WHERE id = ?", id));
    }

    Optional<Cluster.Drill> drill(Instant now) {
        return tx.run(c -> current(c, now));
    }

    boolean claimDrillSlot(Instant slot, String instance) {
        return tx.run(c -> {
            update(
                    c,
                    "DELETE FROM drill_slots WHERE slot_at < ?",
                    slot.minus(KEEP_SLOTS).toEpochMilli());
            return update(
                            c,
                            "INSERT INTO drill_slots (slot_at, instance_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            slot.toEpochMilli(),
                            instance)
                    == 1;
        });
    }

    List<Cluster.AttemptCount> attempts(Instant from, Instant to) {
        return tx.run(c -> {
            List<Cluster.AttemptCount> counts = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT (started_at + latency_ms) / 1000 AS second, provider, outcome, count(*) FROM attempts"
                            + " WHERE started_at + latency_ms >= ? AND started_at + latency_ms < ?"
                            + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")) {
                select.setLong(1, from.toEpochMilli());
                select.setLong(2, to.toEpochMilli());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new Cluster.AttemptCount(
                                Instant.ofEpochSecond(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    }
                }
            }
            return counts;
        });
    }

    Optional<Instant> firstAccepted(String provider, boolean byIt, Instant from, Instant to) {
        return tx.run(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT min(started_at + latency_ms) FROM attempts"
                    + " WHERE started_at + latency_ms >= ? AND started_at + latency_ms < ?"
                    + " AND outcome = 'accepted' AND (provider = ?) = ?")) {
                select.setLong(1, from.toEpochMilli());
                select.setLong(2, to.toEpochMilli());
                select.setString(3, provider);
                select.setBoolean(4, byIt);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    long first = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(first));
                }
            }
        });
    }

    Cluster.Deliveries deliveries(Instant from, Instant to) {
        return tx.run(c -> {
            long delivered;
            Optional<Duration> max;
            Optional<Duration> p99;
            try (PreparedStatement select = c.prepareStatement("SELECT count(*), max(a.started_at + a.latency_ms"
                    + " - m.created_at), percentile_disc(0.99) WITHIN GROUP (ORDER BY a.started_at + a.latency_ms"
                    + " - m.created_at) FROM attempts a JOIN messages m ON m.id = a.message_id"
                    + " WHERE a.started_at + a.latency_ms >= ? AND a.started_at + a.latency_ms < ?"
                    + " AND a.outcome = 'accepted'")) {
                select.setLong(1, from.toEpochMilli());
                select.setLong(2, to.toEpochMilli());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    delivered = rs.getLong(1);
                    max = millis(rs, 2);
                    p99 = millis(rs, 3);
                }
            }
            long failed;
            try (PreparedStatement select = c.prepareStatement("SELECT count(DISTINCT a.message_id) FROM attempts a"
                    + " JOIN messages m ON m.id = a.message_id"
                    + " WHERE a.started_at + a.latency_ms >= ? AND a.started_at + a.latency_ms < ?"
                    + " AND m.status = 'failed'")) {
                select.setLong(1, from.toEpochMilli());
                select.setLong(2, to.toEpochMilli());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    failed = rs.getLong(1);
                }
            }
            return new Cluster.Deliveries(delivered, max, p99, failed);
        });
    }

    void publish(String instance, List<Cluster.ProviderView> views) {
        tx.run(c -> {
            // views of instances that left or were dropped; this instance's own rows are replaced below
            update(
                    c,
                    "DELETE FROM provider_views v WHERE v.instance_id <> ?"
                            + " AND NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = v.instance_id)",
                    instance);
            update(c, "DELETE FROM provider_views WHERE instance_id = ?", instance);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO provider_views (instance_id, provider, state, breaker, at) VALUES (?, ?, ?, ?, ?)")) {
                for (Cluster.ProviderView v : views) {
                    insert.setString(1, instance);
                    insert.setString(2, v.provider());
                    insert.setString(3, v.state());
                    insert.setString(4, v.breaker());
                    insert.setLong(5, v.at().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    List<Cluster.ProviderView> views(Duration liveFor) {
        return tx.run(c -> {
            List<Cluster.ProviderView> views = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT v.instance_id, v.provider, v.state, v.breaker, v.at FROM provider_views v"
                            + " JOIN instances i ON i.id = v.instance_id WHERE i.heartbeat_at >= "
                            + PostgresSql.DB_NOW
                            + " - ? ORDER BY i.started_at, v.instance_id, v.provider")) {
                select.setLong(1, liveFor.toMillis());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        views.add(new Cluster.ProviderView(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            return views;
        });
    }

    private static Optional<Cluster.Drill> current(Connection c, Instant now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, provider, instance_id, started_at, until_at" + " FROM cluster_drill WHERE until_at > ?")) {
            select.setLong(1, now.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Cluster.Drill(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
    }

    private static Optional<Duration> millis(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
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
