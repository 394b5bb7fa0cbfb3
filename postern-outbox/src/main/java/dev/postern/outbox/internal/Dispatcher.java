package dev.postern.outbox.internal;

import dev.postern.Postern;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.OutboxConfig;
import dev.postern.outbox.store.Claimed;
import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.StoreException;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves due messages from the store to providers. A pump, run on the {@link Scheduler} whenever
 * something may have become due (an accept, a provider's recovery, a periodic tick), claims due
 * messages in batches under a lease and sends each on its own virtual thread, at most {@code
 * concurrency} at once, refilling once a quarter of its slots are free (or none are busy) and
 * only while the last claim came back full or a wake-up came since; it returns when nothing is due
 * and nothing is in flight. Only one pump runs
 * at a time; a wake-up during a pump makes it look again. On a fake scheduler the pump therefore runs
 * to completion inside the test's {@code advance}, which keeps tests deterministic.
 *
 * <p>While no provider can take mail ({@link Postern#availableAt()}: all drained, unhealthy, open or
 * cooling) the pump claims nothing but messages past {@code max_age}, so that they still fail on
 * time; the rest wait in the store without a transaction each, and flow when a provider is back:
 * at once on {@code provider_recovered} or {@code breaker_closed}, at the end of the earliest
 * cooling or breaker wait, and at the next tick after any other change (an undrain).
 */
public final class Dispatcher implements EventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Store store;
    private final Postern postern;
    private final OutboxConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Delivery delivery;
    private final String owner;
    private final Semaphore permits;
    /** The fewest free slots worth a claim while sends are in flight. */
    private final int refill;

    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final AtomicLong recoveries = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int inFlight;
    private boolean signalled;
    private volatile boolean closed;
    private Scheduler.Cancellable tick;
    private Scheduler.Cancellable renewals;
    /** Whether the last look found no provider that can take mail. */
    private volatile boolean idle;
    /** While idle: when a message may next be past {@code max_age}; MIN means look now. */
    private volatile Instant expiryCheckAt = Instant.MIN;
    /** The earliest wake-up scheduled for a provider's return, if one is. */
    private Instant returnWake;
    /** Messages whose round runs now, so their leases can be renewed while they do. */
    private final Set<String> working = ConcurrentHashMap.newKeySet();

    /** @param owner who claims: the instance id other gateways on a shared store know it by */
    public Dispatcher(
            Store store,
            Postern postern,
            OutboxConfig config,
            Clock clock,
            Scheduler scheduler,
            RandomGenerator random,
            Tally tally,
            String owner) {
        this.store = store;
        this.postern = postern;
        this.owner = owner;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.permits = new Semaphore(config.concurrency());
        this.refill = Math.max(1, Math.min(config.batchSize(), config.concurrency()) / 4);
        this.delivery = new Delivery(store, postern, config, clock, random, owner, recoveries, tally, this::wake);
    }

    /** Starts the periodic tick and looks for due messages at once (a restart drains the backlog). */
    public void start() {
        tick = scheduler.every(config.pollInterval(), this::wake);
        // Three times a lease, so that a renewal can fail twice before another instance takes over.
        renewals = scheduler.every(config.lease().dividedBy(3), this::renewLeases);
        wake();
    }

    /**
     * Extends the leases of the rounds still running: a round slower than the lease (a provider that
     * hangs until its timeout) is not claimed and sent again by another instance while this one lives.
     */
    private void renewLeases() {
        if (closed || working.isEmpty()) {
            return;
        }
        try {
            store.renew(List.copyOf(working), owner, clock.instant(), config.lease());
        } catch (StoreException e) {
            LOG.warn("could not renew the leases of {} rounds in flight; renewing at the next turn", working.size(), e);
        }
    }

    /** Something may have become due: make sure a pump looks soon. Never blocks. */
    public void wake() {
        if (closed) {
            return;
        }
        wakeRequested.set(true);
        signal();
        if (!pumping.get() && wakeScheduled.compareAndSet(false, true)) {
            scheduler.schedule(Duration.ZERO, () -> {
                wakeScheduled.set(false);
                pump();
            });
        }
    }

    /** A provider is back: deferred mail is retried now rather than when its backoff ends. */
    @Override
    public void on(PosternEvent event) {
        if (closed
                || !(event instanceof PosternEvent.ProviderRecovered || event instanceof PosternEvent.BreakerClosed)) {
            return;
        }
        // Rounds in flight now may still defer on the old state; the generation tells them to retry at once.
        recoveries.incrementAndGet();
        try {
            int due = store.makeDeferredDue(clock.instant());
            LOG.info("{}: {} deferred messages are due now", event.detail(), due);
        } catch (StoreException e) {
            LOG.warn("could not make deferred messages due after {}; they wait out their backoff", event.type(), e);
        }
        wake();
    }

    private void pump() {
        if (!pumping.compareAndSet(false, true)) {
            return; // the running pump sees wakeRequested and looks again
        }
        try {
            do {
                wakeRequested.set(false);
                drain();
            } while (wakeRequested.get() && !closed);
        } catch (StoreException e) {
            LOG.warn("dispatcher cannot read the store; trying again at the next tick", e);
        } finally {
            pumping.set(false);
        }
        // A wake between the last look and clearing the flag found the pump busy: honour it now.
        if (wakeRequested.get()) {
            wake();
        }
    }

    private void drain() {
        // Whether the store may hold due messages not yet claimed: a claim that came back short
        // says no, until a wake-up (an accept, a tick, a recovery) says something may have become due.
        boolean backlog = true;
        while (!closed) {
            if (wakeRequested.getAndSet(false)) {
                backlog = true;
            }
            int free = permits.availablePermits();
            List<Claimed> batch = List.of();
            // Near saturation, wait for a quarter of the slots rather than claim for each one that
            // frees: every claim is a store transaction, and one per message doubles the store's work.
            if (backlog && free > 0 && (free >= refill || inFlight() == 0)) {
                Instant now = clock.instant();
                int limit = Math.min(config.batchSize(), free);
                batch = canSend(now) ? store.claim(now, limit, owner, config.lease()) : claimExpired(now, limit);
                backlog = batch.size() == limit;
                batch.forEach(this::launch);
            }
            if (batch.isEmpty()) {
                if (inFlight() == 0) {
                    return;
                }
                awaitChange();
            }
        }
    }

    /**
     * Whether some provider can take mail now. When none can, arranges to look again the moment
     * the earliest cooling or breaker wait ends (events and ticks cover the rest).
     */
    private boolean canSend(Instant now) {
        Optional<Instant> at = postern.availableAt();
        if (at.isPresent() && !at.get().isAfter(now)) {
            if (idle) {
                idle = false;
                LOG.debug("a provider can take mail again: claiming due messages");
            }
            return true;
        }
        if (!idle) {
            idle = true;
            expiryCheckAt = Instant.MIN; // what expired while mail flowed is found at once
            LOG.debug("no provider can take mail (until {}): claiming only messages past max_age", at);
        }
        at.ifPresent(this::wakeWhenBack);
        return false;
    }

    /**
     * While idle: claims the due messages past {@code max_age}, whose last round fails them, and
     * none other. Asks the store only when the oldest pending message may have expired, so an idle
     * dispatcher costs no transaction per message accepted.
     */
    private List<Claimed> claimExpired(Instant now, int limit) {
        if (now.isBefore(expiryCheckAt)) {
            return List.of();
        }
        List<Claimed> batch = store.claimExpired(now, now.minus(config.maxAge()), limit, owner, config.lease());
        if (batch.size() < limit) {
            // Every expired due message is claimed; newer ones expire no sooner than the oldest.
            Instant next = store.oldestPending().orElse(now).plus(config.maxAge());
            // An expired one still pending is in a round (here or elsewhere): look again at the next tick.
            expiryCheckAt = next.isAfter(now) ? next : now.plus(config.pollInterval());
        }
        return batch;
    }

    /** Wakes the dispatcher at {@code at}, unless a wake-up at or before it is already arranged. */
    private void wakeWhenBack(Instant at) {
        synchronized (this) {
            if (returnWake != null && !returnWake.isAfter(at)) {
                return;
            }
            returnWake = at;
        }
        scheduler.schedule(Duration.between(clock.instant(), at), () -> {
            synchronized (this) {
                if (at.equals(returnWake)) {
                    returnWake = null;
                }
            }
            wake();
        });
    }

    private void launch(Claimed message) {
        permits.acquireUninterruptibly();
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        working.add(message.id());
        Thread.ofVirtual().name("postern-dispatch-" + message.id()).start(() -> {
            try {
                delivery.deliver(message);
            } catch (Throwable t) {
                // The message keeps its lease and is claimed again when it expires; nothing is lost.
                LOG.error("round of {} died; it is retried when its lease expires", message.id(), t);
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            } finally {
                working.remove(message.id());
                permits.release();
                lock.lock();
                try {
                    inFlight--;
                } finally {
                    lock.unlock();
                }
                signal();
            }
        });
    }

    private int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange() {
        lock.lock();
        try {
            while (!signalled) {
                changed.awaitUninterruptibly();
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops claiming and waits up to {@code wait} for sends in flight; unfinished ones keep their lease. */
    public void close(Duration wait) {
        closed = true;
        if (tick != null) {
            tick.cancel();
        }
        if (renewals != null) {
            renewals.cancel();
        }
        signal();
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                changed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
