package dev.postern.bench.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/** A database of the load tool's own on the local PostgreSQL (127.0.0.1:5432, trust), dropped on close. */
final class Postgres implements AutoCloseable {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String name = "postern_bench_" + UUID.randomUUID().toString().substring(0, 8);

    private Postgres() {}

    /** A new empty database, or empty when PostgreSQL is not reachable here. */
    static Optional<Postgres> create() {
        Postgres db = new Postgres();
        try {
            db.admin("CREATE DATABASE " + db.name);
            return Optional.of(db);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The store location for {@code postern.yml}. */
    String store() {
        return "postgresql://postgres@127.0.0.1:5432/" + name;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + name, e);
        }
    }
}
