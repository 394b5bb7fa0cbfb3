package dev.postern.outbox.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the tests use, chosen by the environment and nothing else (port 5432 is
 * never probed, so what runs is what the environment says):
 *
 * <ul>
 *   <li>{@code POSTERN_TEST_PG_URL} set: that server, written as a store location whose database is
 *       the one to connect to for creating others, e.g. {@code
 *       postgresql://postgres@127.0.0.1:5432/postgres}. The user must be allowed to create
 *       databases.
 *   <li>unset: an embedded PostgreSQL (zonky's real PostgreSQL binaries from Maven Central), started
 *       on first use on a free port of the loopback, trust auth for user {@code postgres}, one per
 *       test JVM, stopped when the JVM exits. Child processes of the test (a {@code postern serve})
 *       reach it at the same location. PostgreSQL refuses to run as root; a root build sets the
 *       variable instead ({@code .ci/run} does).
 * </ul>
 */
public final class TestPostgres {
    /** The environment variable that names an existing server. */
    public static final String ENV = "POSTERN_TEST_PG_URL";

    private static final Pattern LOCATION = Pattern.compile("(postgres(?:ql)?://[^/?#]+)/([^/?#]+)(\\?[^#]*)?");

    private TestPostgres() {}

    /**
     * A server as a store location without its database: {@code base} is {@code
     * postgresql://user[:password]@host:port}, {@code admin} the database to connect to for creating
     * others, {@code query} the parameters every location carries ({@code ?sslmode=…}, or empty).
     */
    public record Server(String base, String admin, String query) {
        /** The store location of {@code database} on this server. */
        public String location(String database) {
            return base + "/" + database + query;
        }

        /** {@code host:port} (or just {@code host}), for a location with other credentials. */
        public String hostAndPort() {
            return base.substring(Math.max(base.indexOf("://") + 3, base.lastIndexOf('@') + 1));
        }

        /** Parses {@code POSTERN_TEST_PG_URL}; the message says the expected form. */
        static Server parse(String url) {
            Matcher m = LOCATION.matcher(url.strip().replaceFirst("^jdbc:", ""));
            if (!m.matches()) {
                throw new IllegalArgumentException(ENV + " must be postgresql://user[:password]@host[:port]/database"
                        + " (the database to connect to for creating test databases, e.g. postgres)");
            }
            return new Server(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3));
        }
    }

    /** The server of this test JVM: {@code POSTERN_TEST_PG_URL}'s, or the embedded one, started now if need be. */
    public static Server server() {
        return Chosen.SERVER;
    }

    /** Holds the server; the JVM initialises it on the first {@link #server()}, once. */
    private static final class Chosen {
        static final Server SERVER = choose(System.getenv(ENV));

        private static Server choose(String url) {
            if (url != null && !url.isBlank()) {
                return Server.parse(url);
            }
            if ("root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("PostgreSQL refuses to run as root, so the embedded server cannot"
                        + " start: run the build as another user, or set " + ENV
                        + " to a server, e.g. postgresql://postgres@127.0.0.1:5432/postgres");
            }
            try {
                // registers its own shutdown hook, which stops the server and deletes its data directory;
                // a throwaway server need not survive a power cut, so it does not wait for the disk
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                return new Server("postgresql://postgres@127.0.0.1:" + pg.getPort(), "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start (or set " + ENV + ")", e);
            }
        }
    }
}
