package dev.postern.server.smtp.internal;

import dev.postern.outbox.store.Suppressions;
import dev.postern.server.auth.AuthThrottle;
import dev.postern.server.auth.SmtpUser;
import dev.postern.server.config.Carriers;
import dev.postern.server.config.SmtpRelayConfig;
import dev.postern.server.tls.Tls;
import dev.postern.time.Scheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Assembles the relay on SubEthaSMTP: a virtual thread per session, the command timeout as every
 * read's timeout, a bare LF in a command answered at once ({@link CommandSocket}), no Received:
 * header (the bytes are kept as received), our EHLO, TLS-guarded and throttled AUTH, DATA that
 * always ends the transaction and no BDAT, every command counted for clients that have not
 * authenticated ({@link AnonymousSessions}), and {@link Transaction} running {@link RelayHooks}.
 */
public final class RelayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);

    private final SMTPServer server;
    private final Sessions sessions;
    private final SmtpRelayConfig config;
    private boolean closed;

    private RelayServer(SMTPServer server, Sessions sessions, SmtpRelayConfig config) {
        this.server = server;
        this.sessions = sessions;
        this.config = config;
    }

    /**
     * Starts the relay: sessions of clients that have not authenticated expire on {@code scheduler}
     * and their connection rates are counted on {@code clock}; {@code throttle} counts failed AUTHs
     * (shared with the HTTP API's keys); {@code RCPT TO} an address on {@code refused} is refused.
     */
    public static RelayServer start(
            SmtpRelayConfig config,
            Intake intake,
            Carriers carriers,
            TlsPolicy tls,
            Clock clock,
            Scheduler scheduler,
            AuthThrottle throttle,
            Optional<Suppressions> refused) {
        LogGuard.capSessionLogging();
        Map<String, SmtpUser> users =
                config.users().stream().collect(Collectors.toUnmodifiableMap(SmtpUser::username, Function.identity()));
        Clients clients = new Clients(config.trustedNetworks(), users);
        AnonymousSessions anonymous = new AnonymousSessions(
                config.trustedNetworks(), config.anonymous(), config.maxAnonymousConnections(), clock, scheduler);
        Sessions sessions = new Sessions(config.maxConnectionsPerClient(), anonymous);
        RelayHooks hooks = RelayHooks.standard(tls, config.maxRecipients(), sessions, carriers, refused);
        Relay relay = new Relay(clients, hooks, intake, config.maxMessageBytes(), sessions);
        SMTPServer.Builder builder = SMTPServer.port(config.listen().port())
                .bindAddress(bindAddress(config))
                .serverSocketFactory(CommandSocket::serverSocket)
                .hostName(hostName())
                .softwareName("Postern")
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                .messageHandlerFactory(context -> new Transaction(relay, context))
                .insertReceivedHeaders(false)
                .maxMessageSize((int) config.maxMessageBytes())
                .maxRecipients(-1) // RecipientLimit answers with the enhanced code instead
                .maxConnections(config.maxConnections())
                .connectionTimeoutMs((int) config.commandTimeout().toMillis())
                .sessionHandler(sessions);
        if (!users.isEmpty()) {
            builder.authenticationHandlerFactory(new UserAuthentication(users, throttle));
        }
        config.tls().ifPresent(files -> {
            SSLContext context = Tls.serverContext(files);
            builder.enableTLS().startTlsSocketFactory(socket -> {
                if (socket instanceof CommandSocket commands) {
                    commands.tlsStarted();
                }
                return Tls.serverSocket(context, socket);
            });
        });
        SMTPServer server = builder.build();
        server.getCommandHandler().addCommand(new RelayEhlo(clients, tls, config.maxMessageBytes(), !users.isEmpty()));
        server.getCommandHandler().addCommand(new TlsGuardedAuth(clients, tls, throttle));
        server.getCommandHandler().addCommand(new EndingData(sessions));
        server.getCommandHandler().addCommand(new NoChunking());
        server.getCommandHandler().addCommand(new CheckedMail(config.maxMessageBytes()));
        CommandHandler commands = server.getCommandHandler();
        for (String verb : List.copyOf(commands.getVerbs())) {
            commands.addCommand(new BudgetedCommand(commands.getCommand(verb), anonymous));
        }
        server.start();
        LOG.info(
                "SMTP relay listening on {}:{}{}",
                config.listen().host(),
                server.getPortAllocated(),
                config.tls().isPresent() ? " with STARTTLS" : "");
        return new RelayServer(server, sessions, config);
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Refuses new connections and transactions, waits for messages being received, then stops. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!sessions.drain(config.commandTimeout())) {
                LOG.warn("closing with messages still being received; their clients get no 250 and retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
    }

    private static InetAddress bindAddress(SmtpRelayConfig config) {
        try {
            return InetAddress.getByName(config.listen().host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "smtp listen host is unknown: '" + config.listen().host() + "'", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
