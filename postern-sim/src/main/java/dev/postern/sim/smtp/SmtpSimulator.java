package dev.postern.sim.smtp;

import dev.postern.sim.Fault;
import dev.postern.sim.FaultState;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.Simulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * An SMTP relay on loopback (SubEthaSMTP): EHLO with STARTTLS (a self-signed certificate for
 * {@code localhost}/{@code 127.0.0.1}, see {@link #certificatePem()}), AUTH PLAIN and LOGIN with
 * the expected credentials (required before MAIL when credentials are given), and a record of
 * every accepted message, parsed with jakarta.mail. Accepted messages are answered {@code 250
 * 2.0.0 Ok: queued as <Message-ID>}, and their Message-ID is their provider message id.
 *
 * <p>Faults, at the stage where a real relay shows them:
 *
 * <ul>
 *   <li>{@code down}: the port is closed (and reopened, same port, when the fault ends);
 *   <li>{@code hang}: everything up to the final dot is answered, then no reply ever comes — the
 *       ambiguous case; NOOP never answers either, so health probes see the hang too;
 *   <li>{@code hang_greeting}: connections are accepted but never greeted (no {@code 220}), and
 *       NOOP on open sessions never answers — nothing was handed over;
 *   <li>{@code slow(d)}: the reply to the final dot comes after {@code d};
 *   <li>{@code error(code)}: MAIL FROM is answered with {@code code} (421 also closes the channel);
 *   <li>{@code rate_limit(_)}: MAIL FROM gets {@code 421 4.7.0 Too many messages, slow down} (SMTP
 *       states no retry time, so the duration is ignored);
 *   <li>{@code auth_fail}: AUTH gets {@code 535 5.7.8};
 *   <li>{@code reject_recipient}: RCPT TO gets {@code 550 5.1.1};
 *   <li>{@code garbage}: the final dot is answered with a line that is not an SMTP reply, then the
 *       connection closes;
 *   <li>{@code reset_after_body}: the connection closes after the final dot, without a reply;
 *   <li>{@code flap(...)}: the steps in turn, as in the HTTP simulators.
 * </ul>
 *
 * <p>Besides faults, single recipients can be given their own {@code RCPT TO} reply ({@link
 * #answerRecipient}), as a real relay refuses an unknown mailbox or greylists one domain while it
 * takes the others; {@link #envelope} tells which recipients an accepted message went to.
 */
public final class SmtpSimulator implements Simulator {

    private final String username;
    private final String password;
    private final boolean requireTls;
    private final SimulatorTls tls = SimulatorTls.load();
    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> envelopes = new ConcurrentHashMap<>();
    private final Map<String, RecipientReply> recipientReplies = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger sessions = new AtomicInteger();
    private final FaultState faults = new FaultState(new FaultState.Port() {
        @Override
        public void open() {
            listen();
        }

        @Override
        public void close() {
            stopListening();
        }

        @Override
        public boolean isOpen() {
            return server != null;
        }
    });
    private SMTPServer server;
    private int port;

    /** A relay that requires AUTH with these credentials; STARTTLS offered, not required. */
    public SmtpSimulator(int port, String username, String password) {
        this(port, username, password, false);
    }

    /**
     * @param username the expected AUTH user, or null for a relay without AUTH
     * @param requireTls true to refuse AUTH and MAIL until STARTTLS ({@code 530 5.7.0})
     */
    public SmtpSimulator(int port, String username, String password, boolean requireTls) {
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password must be given together");
        }
        this.port = port;
        this.username = username;
        this.password = password;
        this.requireTls = requireTls;
    }

    /** Starts listening; returns this simulator for chaining. */
    public SmtpSimulator start() {
        faults.start();
        return this;
    }

    /** The certificate STARTTLS presents, PEM encoded, for clients that trust exactly it. */
    public String certificatePem() {
        return tls.certificatePem();
    }

    @Override
    public String type() {
        return "smtp";
    }

    @Override
    public URI baseUrl() {
        return URI.create("smtp://127.0.0.1:" + port);
    }

    /** The port listened on (the one allocated when constructed with 0). */
    public int port() {
        return port;
    }

    /** How many SMTP sessions clients have opened since start, to prove connection reuse. */
    public int sessionsOpened() {
        return sessions.get();
    }

    @Override
    public void fault(Fault fault) {
        faults.set(fault);
    }

    @Override
    public Fault fault() {
        return faults.current();
    }

    @Override
    public List<ReceivedMessage> received() {
        return List.copyOf(received);
    }

    @Override
    public void clear() {
        received.clear();
        envelopes.clear();
        recipientReplies.clear();
    }

    /**
     * Answers {@code RCPT TO:<address>} with {@code reply} (e.g. {@code "550 5.1.1 User unknown"}
     * or {@code "451 4.7.1 Greylisted, try again later"}) until {@link #clear}, whatever the fault.
     *
     * @throws IllegalArgumentException when {@code reply} does not start with a 4xx or 5xx code
     */
    public void answerRecipient(String address, String reply) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), RecipientReply.parse(reply));
    }

    /**
     * Forgets every {@link #answerRecipient} reply, keeping what was received: greylisting ends,
     * an unknown mailbox is created.
     */
    public void forgetRecipientAnswers() {
        recipientReplies.clear();
    }

    /**
     * The {@code RCPT TO} recipients the relay took for the accepted messages with this id, in the
     * order taken: a message sent again under its Message-ID to recipients refused for now the first
     * time adds them after the first ones.
     */
    public List<String> envelope(String providerMessageId) {
        return envelopes.getOrDefault(providerMessageId, List.of());
    }

    @Override
    public void close() {
        faults.close();
    }

    // ---- for the handlers ----

    void record(ReceivedMessage message, List<String> envelope) {
        envelopes.merge(
                message.providerMessageId(),
                List.copyOf(envelope),
                (was, more) -> Stream.concat(was.stream(), more.stream()).toList());
        received.add(message);
    }

    RecipientReply replyFor(String recipient) {
        return recipientReplies.get(recipient.toLowerCase(Locale.ROOT));
    }

    String nextId() {
        return "<sim-" + ids.incrementAndGet() + "@sim.postern.test>";
    }

    /** While {@code hang} is on, blocks until it ends; returns true if it blocked. */
    boolean hangUntilReleased() {
        return faults.holdWhileHanging();
    }

    static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals ----

    private void listen() {
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("sim.postern.test")
                .softwareName("Postern SMTP simulator")
                .serverSocketFactory(SmtpSimulator::reusableServerSocket)
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                .messageHandlerFactory(context -> new SimMessageHandler(this, context))
                .enableTLS()
                .requireTLS(requireTls)
                .startTlsSocketFactory(tls.context())
                .sessionHandler(new CountingSessions())
                .connectionTimeout(60, TimeUnit.SECONDS);
        if (username != null) {
            builder.authenticationHandlerFactory(
                            new SimAuthentication(username, password, () -> faults.current() instanceof Fault.AuthFail))
                    .requireAuth();
        }
        server = builder.build();
        server.getCommandHandler().addCommand(new FaultyNoop(this));
        server.start();
        port = server.getPortAllocated();
    }

    private void stopListening() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private final class CountingSessions implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            sessions.incrementAndGet();
            if (faults.current() instanceof Fault.HangGreeting) {
                hangUntilReleased(); // called before the 220 greeting is sent
            }
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
            // nothing to release
        }
    }

    private static ServerSocket reusableServerSocket() throws java.io.IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // reopen the same port at once after a down fault
        return socket;
    }
}
