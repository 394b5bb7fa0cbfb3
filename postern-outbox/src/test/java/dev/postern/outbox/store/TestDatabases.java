package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh PostgreSQL databases on the tests' server ({@link TestPostgres}: {@code
 * POSTERN_TEST_PG_URL}'s, else an embedded one). Each test run gets its own databases, named {@code
 * postern_test_<random>_<n>}, so parallel and repeated runs never meet; {@link #dropAll()} removes
 * them when the run ends.
 */
public final class TestDatabases {
    private static final String RUN =
            "postern_test_" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> CREATED = new ArrayList<>();

    private TestDatabases() {}

    /** Creates an empty database and returns its store location ({@code postgresql://…}). */
    public static synchronized String create() {
        String name = RUN + "_" + CREATED.size();
        admin("CREATE DATABASE " + name);
        CREATED.add(name);
        return TestPostgres.server().location(name);
    }

    /** Drops every database this run created, closing any connections still open to them. */
    public static synchronized void dropAll() {
        for (String name : CREATED) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        CREATED.clear();
    }

    /** A plain JDBC connection to a store location, for a test that looks into the tables itself. */
    public static Connection connect(String location) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(location);
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    private static void admin(String sql) {
        TestPostgres.Server server = TestPostgres.server();
        try (Connection c = connect(server.location(server.admin()));
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the tests' PostgreSQL server (" + TestPostgres.ENV + ", else embedded) refused: " + e.getMessage(),
                    e);
        }
    }
}
