package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh PostgreSQL databases on the local server (127.0.0.1:5432, trust auth, user {@code postgres};
 * {@code .ci/run} starts it). Each test run gets its own databases, named {@code
 * postern_test_<random>_<n>}, so parallel and repeated runs never meet; {@link #dropAll()} removes
 * them when the run ends.
 */
public final class TestDatabases {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String RUN =
            "postern_test_" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> CREATED = new ArrayList<>();

    private TestDatabases() {}

    /** Creates an empty database and returns its store location ({@code postgresql://…}). */
    public static synchronized String create() {
        String name = RUN + "_" + CREATED.size();
        admin("CREATE DATABASE " + name);
        CREATED.add(name);
        return "postgresql://postgres@127.0.0.1:5432/" + name;
    }

    /** Drops every database this run created, closing any connections still open to them. */
    public static synchronized void dropAll() {
        for (String name : CREATED) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        CREATED.clear();
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL on 127.0.0.1:5432 is needed for this test (.ci/run starts it): " + e.getMessage(), e);
        }
    }
}
