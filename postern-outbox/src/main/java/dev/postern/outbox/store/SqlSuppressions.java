package dev.postern.outbox.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Suppressions} on the {@code suppressions} table, in SQL that SQLite and PostgreSQL both
 * run; each store supplies how its reads and writes reach a connection (SQLite's writer queue and
 * reader pool, PostgreSQL's pooled transactions).
 */
final class SqlSuppressions implements Suppressions {
    /** Addresses per {@code IN (...)} lookup: under every SQLite build's bound on parameters (999). */
    private static final int LOOKUP_CHUNK = 500;

    private static final String COLUMNS = "address, reason, provider, detail, created_at";

    /** Runs one unit of work in a transaction of the store. */
    interface Runner {
        <T> T run(SqliteWriter.Work<T> work);
    }

    private final Runner reads;
    private final Runner writes;

    SqlSuppressions(Runner reads, Runner writes) {
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public boolean add(Suppression entry) {
        return addAll(List.of(entry)) == 1;
    }

    @Override
    public int addAll(Collection<Suppression> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        return writes.run(c -> {
            int added = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO suppressions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING")) {
                for (Suppression entry : entries) {
                    insert.setString(1, entry.address());
                    insert.setString(2, entry.reason());
                    if (entry.provider().isPresent()) {
                        insert.setString(3, entry.provider().get());
                    } else {
                        insert.setNull(3, Types.VARCHAR);
                    }
                    insert.setString(4, entry.detail());
                    insert.setLong(5, entry.createdAt().toEpochMilli());
                    // One statement at a time: a batch's counts are not reliable for DO NOTHING on every driver.
                    added += insert.executeUpdate();
                }
            }
            return added;
        });
    }

    @Override
    public boolean remove(String address) {
        String key = Suppression.normalize(address);
        return writes.run(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM suppressions WHERE address = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Suppression> find(String address) {
        return Optional.ofNullable(matching(List.of(address)).get(Suppression.normalize(address)));
    }

    @Override
    public SuppressionPage list(int limit, Optional<String> after, String prefix) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", but was " + limit);
        }
        Optional<Cursor> cursor = after.map(Cursor::parse);
        String sql = "SELECT " + COLUMNS + " FROM suppressions WHERE address LIKE ? ESCAPE '!'"
                + (cursor.isPresent() ? " AND (created_at < ? OR (created_at = ? AND address > ?))" : "")
                + " ORDER BY created_at DESC, address ASC LIMIT ?";
        List<Suppression> rows = reads.run(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = 1;
                select.setString(i++, likePrefix(Suppression.normalize(prefix)));
                if (cursor.isPresent()) {
                    select.setLong(i++, cursor.get().createdAt());
                    select.setLong(i++, cursor.get().createdAt());
                    select.setString(i++, cursor.get().address());
                }
                // One more than asked, to know whether another page follows.
                select.setInt(i, limit + 1);
                return rows(select);
            }
        });
        if (rows.size() <= limit) {
            return new SuppressionPage(rows, Optional.empty());
        }
        Suppression last = rows.get(limit - 1);
        return new SuppressionPage(
                rows.subList(0, limit),
                Optional.of(new Cursor(last.createdAt().toEpochMilli(), last.address()).encode()));
    }

    @Override
    public long count() {
        return reads.run(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM suppressions");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Map<String, Suppression> matching(Collection<String> addresses) {
        Set<String> keys = new LinkedHashSet<>();
        addresses.forEach(a -> keys.add(Suppression.normalize(a)));
        Map<String, Suppression> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Suppression> rows = reads.run(c -> {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM suppressions WHERE address IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    return rows(select);
                }
            });
            rows.forEach(s -> found.put(s.address(), s));
        }
        return found;
    }

    private static List<Suppression> rows(PreparedStatement select) throws SQLException {
        List<Suppression> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Suppression(
                        rs.getString(1),
                        rs.getString(2),
                        Optional.ofNullable(rs.getString(3)),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        return rows;
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Where a page ended: opaque to callers, so its shape may change. */
    private record Cursor(long createdAt, String address) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + ":" + address).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String text) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return new Cursor(Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(
                        "after must be a cursor from an earlier page, but was '" + text + "'");
            }
        }
    }
}
