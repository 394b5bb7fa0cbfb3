package dev.postern.server.events;

import dev.postern.outbox.store.DeliveryResult;
import dev.postern.outbox.store.EventDelivery;
import dev.postern.outbox.store.EventStore;
import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.server.config.EventsConfig;
import dev.postern.time.Scheduler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbound webhook's queue (docs/events.md): claims due deliveries from the store under a
 * lease (gateways sharing a PostgreSQL store each claim their own), POSTs each, and settles it —
 * delivered on 2xx, else tried again after an exponential backoff ({@link #backoff}), until {@code
 * give_up_after} from the event's arrival, when it is recorded as failed. It looks at the queue
 * every {@link #POLL} and at once when new events are recorded.
 *
 * <p>Delivery is at least once: a crash after the receiver answered 2xx and before the settlement
 * commits sends the event again when the lease ends. Receivers de-duplicate on {@code
 * X-Postern-Event-Id}.
 */
public final class EventDispatcher implements DeliveryEventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    /** Longer than a POST can take, so a live claimant never loses its claim mid-send. */
    static final Duration LEASE = EventPoster.TIMEOUT.multipliedBy(6);

    private static final int BATCH = 32;

    private final EventStore store;
    private final EventPoster poster;
    private final Duration giveUpAfter;
    private final Clock clock;
    private final Scheduler scheduler;
    private final String owner;
    /** Counts each POST by result: {@code delivered}, {@code retried} or {@code failed}. */
    private final Consumer<String> deliveries;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Scheduler.Cancellable polls;
    private volatile boolean closed;

    /** @param owner who claims: the gateway's instance id, unique per process */
    public EventDispatcher(
            EventStore store,
            EventsConfig.OutboundWebhook webhook,
            Clock clock,
            Scheduler scheduler,
            String owner,
            Consumer<String> deliveries) {
        this.store = store;
        this.poster = new EventPoster(webhook.url(), webhook.secret());
        this.giveUpAfter = webhook.giveUpAfter();
        this.clock = clock;
        this.scheduler = scheduler;
        this.owner = owner;
        this.deliveries = deliveries;
    }

    /** Starts polling, and sends at once what an earlier process left queued. */
    public EventDispatcher start() {
        polls = scheduler.every(POLL, this::wake);
        wake();
        return this;
    }

    @Override
    public void recorded(List<StoredEvent> events) {
        wake();
    }

    /**
     * Drains on a virtual thread of its own: neither the provider's request nor the scheduler's
     * thread (which runs every other timer) waits on the receiver.
     */
    private void wake() {
        if (!closed) {
            Thread.ofVirtual().name("postern-event-webhook").start(this::drain);
        }
    }

    /** The wait before attempt {@code attempts + 1}: 10 s doubling, at most an hour. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    /** Sends every due delivery; one drain at a time, and one more when asked while running. */
    void drain() {
        again.set(true);
        // a wake-up while another drain runs leaves `again` set, and that drain goes round once more
        while (!closed && running.compareAndSet(false, true)) {
            try {
                while (!closed && again.getAndSet(false)) {
                    for (List<EventDelivery> batch; !closed && !(batch = claim()).isEmpty(); ) {
                        batch.forEach(this::send);
                    }
                }
            } finally {
                running.set(false);
            }
            if (!again.get()) {
                return;
            }
        }
    }

    private List<EventDelivery> claim() {
        try {
            return store.claimDeliveries(clock.instant(), BATCH, owner, LEASE);
        } catch (StoreException e) {
            LOG.warn("cannot claim outbound event deliveries now; trying again in {}", POLL, e);
            return List.of();
        }
    }

    private void send(EventDelivery delivery) {
        StoredEvent event = delivery.event();
        DeliveryResult result;
        try {
            poster.post(event);
            result = new DeliveryResult.Delivered(clock.instant());
        } catch (IOException e) {
            result = failed(delivery, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease ends and the event is sent again
        }
        try {
            if (store.settleDelivery(event.id(), owner, result)) {
                deliveries.accept(
                        switch (result) {
                            case DeliveryResult.Delivered d -> "delivered";
                            case DeliveryResult.Retry r -> "retried";
                            case DeliveryResult.GaveUp g -> "failed";
                        });
            }
        } catch (StoreException e) {
            LOG.warn("cannot record the delivery of event {}; its lease will end and it is sent again", event.id(), e);
        }
    }

    private DeliveryResult failed(EventDelivery delivery, String why) {
        Instant now = clock.instant();
        Instant next = now.plus(backoff(delivery.attempts()));
        if (next.isAfter(delivery.event().receivedAt().plus(giveUpAfter))) {
            LOG.warn(
                    "giving up on sending event {} after {} attempts: {}",
                    delivery.event().id(),
                    delivery.attempts() + 1,
                    why);
            return new DeliveryResult.GaveUp(now, why);
        }
        return new DeliveryResult.Retry(next, why);
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable p = polls;
        if (p != null) {
            p.cancel();
        }
    }
}
