package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link Cluster} on the tables of {@code db/migration/postgresql/V2__cluster.sql}. */
final class PostgresCluster implements Cluster {
    private final PostgresStore.Transactions tx;

    private final PostgresDrillTables drills;

    PostgresCluster(PostgresStore.Transactions tx) {
        this.tx = tx;
        this.drills = new PostgresDrillTables(tx);
    }

    @Override
    public void heartbeat(Instance self) {
        tx.run(c -> update(
                c,
                "INSERT INTO instances (id, host, started_at, heartbeat_at, version) VALUES (?, ?, ?, "
                        + PostgresSql.DB_NOW
                        + ", ?) ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at",
                self.id(),
                self.host(),
                self.startedAt().toEpochMilli(),
                self.version()));
    }

    @Override
    public List<Instance> instances(Duration within) {
        return tx.run(c -> {
            List<Instance> live = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, host, version, started_at, heartbeat_at"
                    + " FROM instances WHERE heartbeat_at >= " + PostgresSql.DB_NOW + " - ? ORDER BY started_at, id")) {
                select.setLong(1, within.toMillis());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        live.add(new Instance(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            return live;
        });
    }

    @Override
    public Map<String, Integer> releaseDead(Duration deadAfter) {
        // One statement, so that forgetting an instance and releasing its claims happen together:
        // a second instance noticing the same death at once waits on the row lock, then finds no
        // row to delete. Released claims stay 'sending' (a lease that ended) and keep their owner
        // until claimed again; LEAST puts them ahead of the messages queued after them. Leases
        // already ended (due_at in the past) are claimable anyway and are left alone.
        return tx.run(c -> {
            Map<String, Integer> dead = new TreeMap<>();
            try (PreparedStatement release = c.prepareStatement("WITH dead AS (DELETE FROM instances"
                    + " WHERE heartbeat_at < " + PostgresSql.DB_NOW + " - ? RETURNING id),"
                    + " released AS (UPDATE messages SET due_at = LEAST(created_at, " + PostgresSql.DB_NOW + ")"
                    + " WHERE status IN ('queued', 'sending', 'deferred') AND status = 'sending'"
                    + " AND due_at > " + PostgresSql.DB_NOW + " AND lease_owner IN (SELECT id FROM dead)"
                    + " RETURNING lease_owner)"
                    + " SELECT d.id, (SELECT COUNT(*) FROM released r WHERE r.lease_owner = d.id) FROM dead d")) {
                release.setLong(1, deadAfter.toMillis());
                try (ResultSet rs = release.executeQuery()) {
                    while (rs.next()) {
                        dead.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return dead;
        });
    }

    @Override
    public void leave(String id) {
        tx.run(c -> update(c, "DELETE FROM instances WHERE id = ?", id));
    }

    @Override
    public void drain(String provider, String by, Instant at) {
        tx.run(c -> update(
                c,
                "INSERT INTO drains (provider, drained_at, drained_by) VALUES (?, ?, ?) ON CONFLICT (provider) DO NOTHING",
                provider,
                at.toEpochMilli(),
                by));
    }

    @Override
    public boolean undrain(String provider) {
        return tx.run(c -> update(c, "DELETE FROM drains WHERE provider = ?", provider)) > 0;
    }

    @Override
    public Set<String> drained() {
        return tx.run(c -> {
            Set<String> drained = new HashSet<>();
            try (PreparedStatement select = c.prepareStatement("SELECT provider FROM drains");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    drained.add(rs.getString(1));
                }
            }
            return Set.copyOf(drained);
        });
    }

    @Override
    public boolean take(String provider, long windowMillis, long limit, int tokens, Instant now) {
        long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        // One statement: a new window starts the count again, a window without room takes nothing.
        // The row lock serialises instances taking from the same budget, each for one short update.
        return tx.run(c -> update(
                        c,
                        "INSERT INTO rate_budgets AS b (provider, window_ms, window_start, used)"
                                + " SELECT ?, ?, ?, ? WHERE ? <= ?"
                                + " ON CONFLICT (provider, window_ms) DO UPDATE SET"
                                + " window_start = EXCLUDED.window_start,"
                                + " used = CASE WHEN b.window_start = EXCLUDED.window_start"
                                + " THEN b.used + EXCLUDED.used ELSE EXCLUDED.used END"
                                + " WHERE b.window_start <> EXCLUDED.window_start OR b.used + EXCLUDED.used <= ?",
                        provider,
                        windowMillis,
                        start,
                        (long) tokens,
                        (long) tokens,
                        limit,
                        limit))
                == 1;
    }

    @Override
    public void giveBack(String provider, long windowMillis, int tokens, Instant now) {
        long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        tx.run(c -> update(
                c,
                "UPDATE rate_budgets SET used = GREATEST(used - ?, 0)"
                        + " WHERE provider = ? AND window_ms = ? AND window_start = ?",
                (long) tokens,
                provider,
                windowMillis,
                start));
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    // drills and provider views: PostgresDrillTables

    @Override
    public Drill startDrill(Drill drill, Instant now) {
        return drills.startDrill(drill, now);
    }

    @Override
    public void endDrill(String id) {
        drills.endDrill(id);
    }

    @Override
    public Optional<Drill> drill(Instant now) {
        return drills.drill(now);
    }

    @Override
    public boolean claimDrillSlot(Instant slot, String instance) {
        return drills.claimDrillSlot(slot, instance);
    }

    @Override
    public List<AttemptCount> attempts(Instant from, Instant to) {
        return drills.attempts(from, to);
    }

    @Override
    public Optional<Instant> firstAccepted(String provider, boolean byIt, Instant from, Instant to) {
        return drills.firstAccepted(provider, byIt, from, to);
    }

    @Override
    public Deliveries deliveries(Instant from, Instant to) {
        return drills.deliveries(from, to);
    }

    @Override
    public void publish(String instance, List<ProviderView> views) {
        drills.publish(instance, views);
    }

    @Override
    public List<ProviderView> views(Duration liveFor) {
        return drills.views(liveFor);
    }
}
