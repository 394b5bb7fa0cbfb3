package dev.postern.outbox;

import dev.postern.MessageIds;
import dev.postern.Postern;
import dev.postern.email.Email;
import dev.postern.error.PosternException;
import dev.postern.outbox.OutboxUnavailableException.Reason;
import dev.postern.outbox.internal.Dispatcher;
import dev.postern.outbox.internal.Tally;
import dev.postern.outbox.store.Accepted;
import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.EmailJson;
import dev.postern.outbox.store.Envelope;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.NewMessage;
import dev.postern.outbox.store.Purged;
import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.Submitter;
import dev.postern.outbox.store.Suppressions;
import dev.postern.time.Scheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: the door to "accepted means never lost". {@link #accept} returns only once
 * the message is committed to disk; from then on a dispatcher sends it through {@link Postern}'s
 * routing, retrying with backoff until a provider takes it, it is rejected, or {@code max_age}
 * passes — and a process that dies mid-way leaves its claims to be taken up again (when its lease
 * expires, or on a shared store as soon as it is found dead: {@link #releaseDead}).
 *
 * <pre>{@code
 * try (Outbox outbox = Outbox.open(OutboxConfig.DEFAULTS, postern)) {
 *     Accepted accepted = outbox.accept(email, "order-42");
 *     outbox.find(accepted.id()).map(MessageView::status); // queued, sending, delivered, …
 * }
 * }</pre>
 *
 * <p>Delivery is at least once: a crash or an ambiguous answer can send a message twice, never zero
 * times. Instances are thread-safe. See docs/outbox.md.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int MAX_KEY_LENGTH = 255;

    /** How many of the latest messages {@link #findByRecipient} looks through. */
    public static final int RECIPIENT_SCAN = 2000;

    private final OutboxConfig config;
    private final Store store;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final MessageIds ids;
    private final Scheduler.Cancellable purges;
    private final Tally tally;
    private final String instanceId;
    private volatile boolean closed;

    private Outbox(
            OutboxConfig config,
            Store store,
            Dispatcher dispatcher,
            Clock clock,
            Scheduler scheduler,
            Tally tally,
            String instanceId) {
        this.config = config;
        this.instanceId = instanceId;
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.ids = new MessageIds(clock);
        this.tally = tally;
        this.purges = scheduler.every(config.purgeInterval(), this::purge);
    }

    /** Opens the outbox on the system clock; see {@link #open(OutboxConfig, Postern, Clock, Scheduler)}. */
    public static Outbox open(OutboxConfig config, Postern postern) {
        return open(config, postern, Clock.systemUTC(), Scheduler.system());
    }

    /**
     * Opens (creating or migrating) the store named by {@code config}, starts dispatching to {@code
     * postern}, and picks up whatever an earlier process left due or leased. Pass the same clock and
     * scheduler that {@code postern} was built with.
     *
     * @throws OutboxUnavailableException when the store cannot be opened
     */
    public static Outbox open(OutboxConfig config, Postern postern, Clock clock, Scheduler scheduler) {
        Store store;
        try {
            store = Store.open(config.store(), config.maxWriteBatch(), config.storeWriteTimeout());
        } catch (StoreException e) {
            throw new OutboxUnavailableException(Reason.STORE_UNAVAILABLE, e.getMessage(), e);
        }
        return open(config, postern, clock, scheduler, store);
    }

    static Outbox open(OutboxConfig config, Postern postern, Clock clock, Scheduler scheduler, Store store) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(postern, "postern");
        Tally tally = new Tally();
        String instanceId = newInstanceId();
        Dispatcher dispatcher = new Dispatcher(
                store, postern, config, clock, scheduler, RandomGenerator.getDefault(), tally, instanceId);
        postern.listen("outbox", dispatcher);
        Outbox outbox = new Outbox(config, store, dispatcher, clock, scheduler, tally, instanceId);
        dispatcher.start();
        return outbox;
    }

    /** Accepts {@code email} under a new id; see {@link #accept(Email, String)}. */
    public Accepted accept(Email email) {
        return accept(email, null);
    }

    /** Accepts {@code email} from {@link Submitter#UNSCOPED}; see {@link #accept(Email, Submitter, String)}. */
    public Accepted accept(Email email, String idempotencyKey) {
        return accept(email, Submitter.UNSCOPED, idempotencyKey);
    }

    /**
     * Stores {@code email} durably and queues it for delivery. With an {@code idempotencyKey} that
     * {@code submitter} used within {@code idempotency_window}, stores nothing and returns the first
     * message's id; another submitter's use of the same key does not count.
     *
     * @throws OutboxUnavailableException when the message could not be stored (it is not accepted)
     */
    public Accepted accept(Email email, Submitter submitter, String idempotencyKey) {
        Objects.requireNonNull(email, "email");
        return store(submitter, idempotencyKey, EmailJson.write(email), null, null);
    }

    /**
     * Accepts a message received as raw MIME (SMTP): the bytes are kept exactly as received, with
     * the envelope, for providers that take raw MIME; {@code parsed} is what routing and the other
     * providers see. The idempotency key, if any, is {@code submitter}'s as in {@link #accept(Email,
     * Submitter, String)}.
     */
    public Accepted acceptRaw(
            byte[] mime, Envelope envelope, Email parsed, Submitter submitter, String idempotencyKey) {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(parsed, "parsed");
        return store(submitter, idempotencyKey, EmailJson.write(parsed), mime.clone(), EmailJson.write(envelope));
    }

    private Accepted store(Submitter submitter, String key, byte[] email, byte[] mime, String envelope) {
        Objects.requireNonNull(submitter, "submitter");
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new PosternException(
                    "idempotency key must be 1 to " + MAX_KEY_LENGTH + " characters, but was '" + key + "'");
        }
        if (closed) {
            throw new OutboxUnavailableException(Reason.CLOSED, "the outbox is closed", null);
        }
        long pending = store.pending();
        if (pending >= config.maxQueue()) {
            throw new OutboxUnavailableException(
                    Reason.FULL,
                    "the outbox holds " + pending + " pending messages, its max_queue is " + config.maxQueue()
                            + "; retry later",
                    null);
        }
        Accepted accepted;
        try {
            accepted = store.insert(
                    new NewMessage(ids.next(), clock.instant(), submitter, key, email, mime, envelope),
                    config.idempotencyWindow());
        } catch (StoreException e) {
            throw new OutboxUnavailableException(
                    Reason.STORE_UNAVAILABLE, "the message could not be stored: " + e.getMessage(), e);
        }
        if (accepted.created()) {
            tally.accepted();
            dispatcher.wake();
        }
        return accepted;
    }

    /**
     * What the outbox knows about message {@code id}: status, provider, timestamps, attempts and its
     * submitter. Whoever submitted it: a caller that shows messages to several submitters checks
     * {@link MessageView#submitter()} itself.
     */
    public Optional<MessageView> find(String id) {
        try {
            return store.find(id);
        } catch (StoreException e) {
            throw new OutboxUnavailableException(Reason.STORE_UNAVAILABLE, e.getMessage(), e);
        }
    }

    /**
     * The most recent messages addressed to {@code address}, newest first, at most {@code limit},
     * found among the latest {@link #RECIPIENT_SCAN} accepted: an operator's "what happened to the
     * mail for ada@example.com?", bounded so that it never reads the whole store.
     *
     * @throws OutboxUnavailableException when the store cannot be read
     */
    public List<MessageView> findByRecipient(String address, int limit) {
        try {
            List<MessageView> found = new ArrayList<>();
            for (String id : store.recentTo(address.strip(), RECIPIENT_SCAN, limit)) {
                store.find(id).ifPresent(found::add);
            }
            return found;
        } catch (StoreException e) {
            throw new OutboxUnavailableException(Reason.STORE_UNAVAILABLE, e.getMessage(), e);
        }
    }

    /**
     * Delivery events reported by providers' webhooks, and the outbound webhook's queue, kept in
     * this outbox's store (docs/events.md). Its methods throw {@link
     * dev.postern.outbox.store.StoreException} when the store cannot be used.
     */
    public dev.postern.outbox.store.EventStore events() {
        return store.events();
    }

    /**
     * Whether an accept could be stored now: the store's writer answers within {@code
     * store_write_timeout} and a write could commit. False when the outbox is closed. For a
     * readiness check; it costs one write that changes nothing.
     */
    public boolean writable() {
        return !closed && store.writable();
    }

    /** How many messages wait to be delivered (queued, sending or deferred). Cheap. */
    public long depth() {
        return store.pending();
    }

    /**
     * How long the oldest message still waiting has waited; zero when none waits. One indexed
     * query: meant for a metrics scrape or a periodic check, not for every request.
     *
     * @throws OutboxUnavailableException when the store cannot be read
     */
    public Duration oldestQueuedAge() {
        try {
            return store.oldestPending()
                    .map(oldest -> Duration.between(oldest, clock.instant()))
                    .filter(age -> !age.isNegative())
                    .orElse(Duration.ZERO);
        } catch (StoreException e) {
            throw new OutboxUnavailableException(Reason.STORE_UNAVAILABLE, e.getMessage(), e);
        }
    }

    /** What this outbox accepted and how its rounds settled since it opened. */
    public OutboxCounts counts() {
        return tally.snapshot();
    }

    private void purge() {
        Instant now = clock.instant();
        try {
            Purged purged = store.purge(
                    now.minus(config.retention()),
                    now.minus(config.recordRetention()),
                    now.minus(config.idempotencyWindow()));
            if (purged.payloads() > 0 || purged.records() > 0) {
                LOG.info(
                        "purged the payloads of {} final messages older than {} and the records of {} older than {}",
                        purged.payloads(),
                        config.retention(),
                        purged.records(),
                        config.recordRetention());
            }
        } catch (StoreException e) {
            LOG.warn("purge failed; it runs again in {}", config.purgeInterval(), e);
        }
    }

    /**
     * The suppression list in this outbox's store: addresses the dispatcher never sends to (see
     * {@link Suppressions}). Shared by every gateway on a shared store.
     */
    public Suppressions suppressions() {
        return store.suppressions();
    }

    /**
     * What gateways sharing this outbox's store share besides messages (instances, drains, rate
     * budgets); empty when the store belongs to this process alone (SQLite).
     */
    public Optional<Cluster> cluster() {
        return store.cluster();
    }

    /**
     * Who this outbox is to other gateways on a shared store: the owner of its claims, and the id
     * its gateway's heartbeat must carry, so that the claims are released when the heartbeat stops
     * ({@link #releaseDead}). The host name and a random suffix: unique per process.
     */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Releases the claims of every instance sharing this outbox's store that has not been heard
     * from for longer than {@code deadAfter} ({@link Cluster#releaseDead}), and looks for due mail at
     * once when there were any, so that a dead instance's messages are sent again within seconds
     * rather than when their lease ends. Does nothing without a shared store.
     *
     * @return each instance found dead, with how many claims it held
     * @throws StoreException when the store cannot be reached
     */
    public Map<String, Integer> releaseDead(Duration deadAfter) {
        Map<String, Integer> dead =
                store.cluster().map(c -> c.releaseDead(deadAfter)).orElse(Map.of());
        if (dead.values().stream().anyMatch(claims -> claims > 0)) {
            dispatcher.wake();
        }
        return dead;
    }

    private static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stops accepting and dispatching, lets sends in flight finish, and closes the store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        purges.cancel();
        dispatcher.close();
        store.close();
    }
}
