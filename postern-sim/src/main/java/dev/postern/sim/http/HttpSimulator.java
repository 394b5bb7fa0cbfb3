package dev.postern.sim.http;

import dev.postern.sim.Fault;
import dev.postern.sim.FaultState;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.Simulator;
import dev.postern.sim.events.SimEvents;
import dev.postern.sim.events.WebhookFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common part of every HTTP provider simulator: a server on loopback, the fault modes, and the
 * record of accepted messages. A provider's simulator supplies only its wire format: how it
 * authenticates, answers a send, and words its errors.
 *
 * <p>Faults apply to every request ({@code reject_recipient} only to sends): {@code down} closes
 * the port (and reopens the same port when the fault ends), {@code hang} reads each request and
 * holds it until the fault changes, {@code hang_greeting} holds it before reading its body (no
 * {@code 100 Continue}), {@code reset_after_body} reads the request and closes the connection.
 */
public abstract class HttpSimulator implements Simulator {
    /** The largest request body a simulator reads; real providers cap lower. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    /** Connections idle this long are closed; longer than a hang may hold a request. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(11);
    /** The messages accepted while answering the current request, announced once it is answered. */
    private static final ThreadLocal<List<ReceivedMessage>> ANSWERING = new ThreadLocal<>();

    private static final Logger LOG = LoggerFactory.getLogger(HttpSimulator.class);

    private final String type;
    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final List<Instant> receivedAt = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
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
    private volatile SimEvents events; // null: this provider sends no event webhooks
    private Server server;
    private int port;

    protected HttpSimulator(String type, int port) {
        this.type = type;
        this.port = port;
    }

    /** Starts listening; returns this simulator for chaining. */
    public HttpSimulator start() {
        faults.start();
        return this;
    }

    // ---- what each provider's simulator supplies ----

    /** Empty when the request carries valid credentials, else the provider's answer to bad ones. */
    protected abstract Optional<SimResponse> authenticate(SimRequest request);

    /** The provider's answer when our credentials are refused (the {@code auth_fail} fault). */
    protected abstract SimResponse unauthorized();

    /** The provider's error answer with {@code status} (the {@code error(status)} fault). */
    protected abstract SimResponse error(int status);

    /** The provider's rate-limit answer (the {@code rate_limit(retry_after)} fault). */
    protected abstract SimResponse rateLimited(Duration retryAfter);

    /** The provider's answer to a send whose recipient is invalid or suppressed. */
    protected abstract SimResponse recipientRejected(SimRequest request);

    /** True for the provider's send operation(s). */
    protected abstract boolean isSend(SimRequest request);

    /**
     * Normal service for an authenticated request: validate a send as the real API would, then
     * {@link #record} it; answer health calls; 404 for anything else.
     */
    protected abstract SimResponse serve(SimRequest request);

    /**
     * Called for the {@code reset_after_body} fault just before the connection is closed unanswered.
     * By default the request is dropped unprocessed. A provider with idempotency keys (Resend)
     * overrides this to process the request first: "the provider took it, the answer was lost" is
     * the case its keys exist for.
     */
    protected void beforeReset(SimRequest request) {}

    /** Normal service, as if no fault were set: authenticate, then {@link #serve}. */
    protected final SimResponse serveNormally(SimRequest request) {
        return normal(request);
    }

    // ---- for subclasses ----

    /**
     * The rate budget the simulator reports now: {@code limit} requests less the one answered, in a window of
     * one second unless the {@code budget} fault lowers it. For providers that send rate-limit
     * headers.
     */
    protected Fault.Budget reportedBudget(long limit) {
        return faults.current() instanceof Fault.Budget budget
                ? budget
                : new Fault.Budget(limit - 1, Fault.Budget.ONE_SECOND);
    }

    /** A fresh message id in the given pattern's spirit: {@code prefix} plus a counter. */
    protected String nextId(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    /** Records an accepted message; its events, if any, follow once the request is answered. */
    protected void record(ReceivedMessage message) {
        receivedAt.add(Instant.now());
        received.add(message);
        List<ReceivedMessage> answering = ANSWERING.get();
        if (answering != null) {
            answering.add(message);
        } else {
            announce(List.of(message));
        }
    }

    /** Makes this simulator send its provider's delivery-event webhooks, worded by {@code format}. */
    protected final void sendsEvents(WebhookFormat format) {
        events = new SimEvents(type, format, Clock.systemUTC());
    }

    // ---- Simulator ----

    @Override
    public String type() {
        return type;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void fault(Fault fault) {
        faults.set(fault);
    }

    @Override
    public Fault fault() {
        return faults.current();
    }

    /**
     * When each message was accepted (wall clock), oldest first, so tests can check the rate a
     * provider saw: several gateways together must keep to its limit in every second.
     */
    public List<Instant> receivedAt() {
        return List.copyOf(receivedAt);
    }

    @Override
    public List<ReceivedMessage> received() {
        return List.copyOf(received);
    }

    @Override
    public Optional<SimEvents> webhooks() {
        return Optional.ofNullable(events);
    }

    @Override
    public void clear() {
        received.clear();
        receivedAt.clear();
        if (events != null) {
            events.clear();
        }
    }

    @Override
    public void close() {
        faults.close();
        if (events != null) {
            events.close();
        }
    }

    // ---- internals ----

    private void listen() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(type + "-simulator");
        // Handlers block (hang, slow): each request on its own virtual thread, as many as come.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis()); // longer than any hang
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                exchange(request, response, callback);
                return true;
            }
        });
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException(type + " simulator cannot listen on port " + port, e);
        }
        server = jetty;
        port = connector.getLocalPort();
    }

    private void stopListening() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(type + " simulator did not stop cleanly", e);
            }
            server = null;
        }
    }

    /**
     * One request. Under {@code hang_greeting} it is held before its body is read, so the server
     * never answers at all — not even {@code 100 Continue}, which Jetty sends only when the body is
     * first read: a client that waits for it has handed nothing over; when the hang ends, a client
     * still there is served. Under {@code hang} the body is read first, then the request is held
     * and, when the hang ends, dropped unanswered.
     */
    private void exchange(Request request, Response response, Callback callback) {
        List<ReceivedMessage> accepted = new ArrayList<>();
        ANSWERING.set(accepted);
        try {
            if (faults.current() instanceof Fault.HangGreeting) {
                // like an SMTP greeting sent late: once the hang ends, a client still waiting is served
                faults.holdWhileHanging();
            }
            SimRequest read = read(request);
            SimResponse answer = respond(read);
            // events follow the answer, as a provider's webhooks follow its API's reply
            write(response, answer, Callback.from(callback, () -> announce(accepted)));
        } catch (AbortConnection | IOException abort) {
            // no answer at all: the connection is closed under the client
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(abort);
            announce(accepted); // a message taken before the reset was still taken
        } finally {
            ANSWERING.remove();
        }
    }

    private void announce(List<ReceivedMessage> accepted) {
        SimEvents sink = events;
        if (sink != null) {
            for (ReceivedMessage m : accepted) {
                try {
                    sink.accepted(AcceptedMessages.forEvents(m));
                } catch (RuntimeException e) {
                    // events never break the send they follow: the message stays accepted
                    LOG.warn("{} simulator sends no events for message {}", type, m.providerMessageId(), e);
                }
            }
        }
    }

    private SimResponse respond(SimRequest request) {
        return switch (faults.current()) {
            case Fault.Ok ok -> normal(request);
            case Fault.Down down -> normal(request); // a request that raced the port closing
            case Fault.Hang hang -> hang();
            case Fault.HangGreeting hang -> hang(); // began while this request was read
            case Fault.Slow slow -> {
                pause(slow.delay());
                yield normal(request);
            }
            case Fault.Error error -> error(error.status());
            case Fault.RateLimit limit -> rateLimited(limit.retryAfter());
            case Fault.AuthFail fail -> unauthorized();
            case Fault.RejectRecipient reject -> isSend(request) ? recipientRejected(request) : normal(request);
            case Fault.Garbage garbage -> SimResponse.text(200, "application/json", "{\"id\": <<garbage");
            case Fault.ResetAfterBody reset -> {
                beforeReset(request);
                throw new AbortConnection();
            }
            case Fault.Budget budget -> normal(request); // the provider's headers say it: reportedBudget()
            case Fault.Flap flap -> normal(request); // FaultState resolves flaps to their current step
        };
    }

    private SimResponse normal(SimRequest request) {
        return authenticate(request).orElseGet(() -> serve(request));
    }

    private SimResponse hang() {
        faults.holdWhileHanging();
        throw new AbortConnection();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SimRequest read(Request request) throws IOException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        HttpURI uri = request.getHttpURI();
        return new SimRequest(request.getMethod(), uri.getPath(), query(uri.getQuery()), headers, body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.putIfAbsent(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void write(Response response, SimResponse answer, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        byte[] body = answer.body();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Ends an exchange with no answer at all. */
    private static final class AbortConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortConnection() {
            super("connection closed by the simulator", null, false, false);
        }
    }
}
