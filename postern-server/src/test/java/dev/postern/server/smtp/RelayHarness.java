package dev.postern.server.smtp;

import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.provider.Capabilities;
import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.SenderDomains;
import dev.postern.server.auth.SmtpUser;
import dev.postern.server.config.Carriers;
import dev.postern.server.config.Listen;
import dev.postern.server.config.SmtpRelayConfig;
import dev.postern.server.tls.TlsFiles;
import dev.postern.testing.FakeTime;
import dev.postern.testing.ScriptedProvider;
import dev.postern.time.Scheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A relay on loopback in front of a real outbox on SQLite, whose provider the test scripts. Reads
 * what the outbox stored straight from its database file.
 */
final class RelayHarness implements AutoCloseable {
    static final String USER = "legacy-app";
    static final String PASSWORD = Hashes.newSecret();
    static final TlsFiles TLS = new TlsFiles(resource("tls/relay-test.crt"), resource("tls/relay-test.key"));

    /** One system timer for every relay the tests start on the system clock. */
    static final Scheduler SYSTEM_TIMER = Scheduler.system();

    /** The scripted provider as the relay sees it: it carries anything Email allows. */
    static final Carriers CARRIERS = new Carriers(Map.of("primary", Capabilities.FULL));

    final Postern postern;
    final Outbox outbox;
    final SmtpRelay relay;
    private final Path db;

    RelayHarness(Path dir, SmtpRelayConfig config, ScriptedProvider provider, OutboxConfig outboxConfig) {
        this(dir, config, provider, outboxConfig, true);
    }

    RelayHarness(
            Path dir,
            SmtpRelayConfig config,
            ScriptedProvider provider,
            OutboxConfig outboxConfig,
            boolean plaintextAuthOnLoopback) {
        this(dir, config, provider, outboxConfig, plaintextAuthOnLoopback, Clock.systemUTC(), SYSTEM_TIMER);
    }

    /** A relay whose session limits run on {@code time}: anonymous sessions expire as the test advances it. */
    RelayHarness(Path dir, SmtpRelayConfig config, FakeTime time) {
        this(dir, config, ScriptedProvider.accepting("primary"), OutboxConfig.DEFAULTS, true, time, time);
    }

    private RelayHarness(
            Path dir,
            SmtpRelayConfig config,
            ScriptedProvider provider,
            OutboxConfig outboxConfig,
            boolean plaintextAuthOnLoopback,
            Clock clock,
            Scheduler scheduler) {
        db = dir.resolve("postern.db");
        postern = Postern.builder().provider("primary", provider).build();
        outbox = Outbox.open(outboxConfig.withStore("sqlite:" + db), postern);
        relay = SmtpRelay.start(
                config,
                (mime, envelope, parsed, submitter) -> outbox.acceptRaw(mime, envelope, parsed, submitter, null),
                RelayHarness.CARRIERS,
                plaintextAuthOnLoopback,
                clock,
                scheduler);
    }

    RelayHarness(Path dir, SmtpRelayConfig config) {
        this(dir, config, ScriptedProvider.accepting("primary"), OutboxConfig.DEFAULTS);
    }

    /** The relay's config for tests: loopback, an ephemeral port, one user for shop.example. */
    static SmtpRelayConfig config() {
        return SmtpRelayConfig.DEFAULTS
                .withListen(new Listen("127.0.0.1", 0))
                .withUsers(List.of(
                        new SmtpUser(USER, Hashes.sha256Hex(PASSWORD), new SenderDomains(List.of("shop.example")))));
    }

    /** The raw MIME and the envelope the outbox holds for {@code id}. */
    Optional<Stored> stored(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement query = c.prepareStatement("SELECT raw_mime, envelope FROM messages WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Stored(row.getBytes(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    long storedCount() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet row = c.createStatement().executeQuery("SELECT count(*) FROM messages")) {
            return row.getLong(1);
        }
    }

    record Stored(byte[] rawMime, String envelope) {}

    static Path resource(String name) {
        try {
            return Path.of(RelayHarness.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        relay.close();
        outbox.close();
        postern.close();
    }
}
