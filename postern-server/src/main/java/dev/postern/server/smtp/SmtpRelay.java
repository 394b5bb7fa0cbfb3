package dev.postern.server.smtp;

import dev.postern.outbox.Outbox;
import dev.postern.outbox.store.Suppressions;
import dev.postern.server.auth.AuthThrottle;
import dev.postern.server.config.Carriers;
import dev.postern.server.config.SmtpRelayConfig;
import dev.postern.server.smtp.internal.Intake;
import dev.postern.server.smtp.internal.RelayServer;
import dev.postern.server.smtp.internal.TlsPolicy;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.util.Optional;

/**
 * Postern's SMTP relay: the door for applications that speak SMTP. A message is answered {@code
 * 250 2.0.0 queued as <id>} only once the outbox holds it durably, under the id the HTTP API shows;
 * when it cannot be stored the answer is {@code 451}/{@code 452} and the client keeps it. AUTH is
 * required unless the client is in a trusted network, never an open relay.
 *
 * <pre>{@code
 * try (SmtpRelay relay = SmtpRelay.start(SmtpRelayConfig.DEFAULTS.withUsers(users), outbox, carriers, clock, scheduler, throttle)) {
 *     // applications send to relay.port()
 * }
 * }</pre>
 *
 * <p>See docs/smtp.md for the protocol, the replies and what they mean.
 */
public final class SmtpRelay implements AutoCloseable {
    private final RelayServer server;

    private SmtpRelay(RelayServer server) {
        this.server = server;
    }

    /**
     * Binds {@code config.listen()} and starts accepting mail into {@code outbox}, refusing what
     * none of the {@code carriers} (the outbox's providers) can take. Sessions of clients that have
     * not authenticated expire on {@code scheduler}; connection rates are counted on {@code clock};
     * failed AUTHs are counted by {@code throttle}, which a gateway shares with its HTTP API so that an
     * address guessing either secret is slowed on both.
     *
     * @throws dev.postern.error.PosternException when the TLS files cannot be used
     * @throws IllegalArgumentException when the listen host is unknown
     * @throws RuntimeException when the port cannot be bound
     */
    public static SmtpRelay start(
            SmtpRelayConfig config,
            Outbox outbox,
            Carriers carriers,
            Clock clock,
            Scheduler scheduler,
            AuthThrottle throttle) {
        return start(config, outbox, carriers, false, clock, scheduler, throttle);
    }

    /**
     * As above; with {@code refuseSuppressed} ({@code suppressions.on_send: refuse}) a {@code RCPT
     * TO} an address on the outbox's suppression list is answered {@code 550 5.1.1}.
     */
    public static SmtpRelay start(
            SmtpRelayConfig config,
            Outbox outbox,
            Carriers carriers,
            boolean refuseSuppressed,
            Clock clock,
            Scheduler scheduler,
            AuthThrottle throttle) {
        TlsPolicy tls = new TlsPolicy(config.tls().isPresent(), true);
        Intake intake =
                (mime, envelope, parsed, submitter) -> outbox.acceptRaw(mime, envelope, parsed, submitter, null);
        Optional<Suppressions> refused = refuseSuppressed ? Optional.of(outbox.suppressions()) : Optional.empty();
        return new SmtpRelay(RelayServer.start(config, intake, carriers, tls, clock, scheduler, throttle, refused));
    }

    /** For a relay on its own (tests): failed AUTHs counted by a throttle of its own on {@code clock}. */
    static SmtpRelay start(
            SmtpRelayConfig config,
            Intake intake,
            Carriers carriers,
            boolean plaintextAuthOnLoopback,
            Clock clock,
            Scheduler scheduler) {
        return start(
                config,
                intake,
                carriers,
                plaintextAuthOnLoopback,
                clock,
                scheduler,
                new AuthThrottle(AuthThrottle.Policy.DEFAULTS, clock));
    }

    static SmtpRelay start(
            SmtpRelayConfig config,
            Intake intake,
            Carriers carriers,
            boolean plaintextAuthOnLoopback,
            Clock clock,
            Scheduler scheduler,
            AuthThrottle throttle) {
        TlsPolicy tls = new TlsPolicy(config.tls().isPresent(), plaintextAuthOnLoopback);
        return new SmtpRelay(
                RelayServer.start(config, intake, carriers, tls, clock, scheduler, throttle, Optional.empty()));
    }

    /** The port listened on (the allocated one when {@code listen} asked for port 0). */
    public int port() {
        return server.port();
    }

    /**
     * Stops accepting connections and transactions ({@code 421}), waits up to the command timeout
     * for messages being received to be answered, then closes every session. Close the outbox after.
     */
    @Override
    public void close() {
        server.close();
    }
}
