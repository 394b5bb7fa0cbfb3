package dev.postern.server.cluster;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.error.PosternException;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.StoreException;
import dev.postern.routing.ProviderState;
import dev.postern.server.config.ClusterConfig;
import dev.postern.time.Scheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This gateway as one of several on a shared store (docs/scaling.md): it writes a heartbeat every
 * {@link #TICK} (stamped by the database's clock) under the outbox's {@linkplain
 * Outbox#instanceId() instance id}, which also owns its claims; lists the instances heard from
 * within {@code cluster.dead_after}; takes over from the dead at each tick, making the messages an
 * instance silent for longer was sending due at once ({@link Outbox#releaseDead}); and keeps its
 * providers' drains equal to the shared {@code drains} table, read every tick, so a drain made on
 * any instance holds on all within a second or two. Without a shared store (SQLite) it is the
 * only instance and drains are local. The ticks run on the gateway's {@link Scheduler}, so a test on
 * a fake one moves heartbeats forward itself.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    /** How often the heartbeat is written and the drains read. */
    public static final Duration TICK = Duration.ofSeconds(1);

    private final Optional<Cluster> cluster;
    private final Outbox outbox;
    private final Duration deadAfter;
    private final Postern postern;
    private final Clock clock;
    private final Cluster.Instance self;
    /** Held by a tick while it runs, so that {@link #close} leaves the list after the last heartbeat. */
    private final ReentrantLock ticking = new ReentrantLock();

    private volatile boolean closed;
    private volatile Scheduler.Cancellable ticks = () -> {};
    private boolean warned;

    private ClusterNode(Outbox outbox, Postern postern, ClusterConfig config, Clock clock) {
        this.outbox = outbox;
        this.cluster = outbox.cluster();
        this.deadAfter = config.deadAfter();
        this.postern = postern;
        this.clock = clock;
        Instant now = clock.instant();
        this.self = new Cluster.Instance(outbox.instanceId(), hostName(), version(), now, now);
    }

    /**
     * Joins the cluster of {@code outbox}'s store (when it is shared) and starts the heartbeat, the
     * release of dead instances' claims and the drain sync, every {@link #TICK} on {@code scheduler}.
     */
    public static ClusterNode start(
            Outbox outbox, Postern postern, ClusterConfig config, Clock clock, Scheduler scheduler) {
        ClusterNode node = new ClusterNode(outbox, postern, config, clock);
        if (node.cluster.isPresent()) {
            node.tick();
            node.ticks = scheduler.every(TICK, node::tick);
        }
        return node;
    }

    /** How long an instance may go without a heartbeat before it is dead ({@code cluster.dead_after}). */
    public Duration deadAfter() {
        return deadAfter;
    }

    /** This instance's id, as listed by {@link #instances()}, in logs and as the owner of its claims. */
    public String id() {
        return self.id();
    }

    /** True when instances share a store, so {@link #instances()} may list others. */
    public boolean shared() {
        return cluster.isPresent();
    }

    /** The live instances, this one included, oldest first. */
    public List<Cluster.Instance> instances() {
        if (cluster.isEmpty()) {
            return List.of(
                    new Cluster.Instance(self.id(), self.host(), self.version(), self.startedAt(), clock.instant()));
        }
        return cluster.get().instances(deadAfter);
    }

    /**
     * Drains or undrains {@code provider} on every instance: in the shared table first, then here at
     * once; the others follow on their next tick.
     *
     * @throws PosternException when there is no such provider
     * @throws StoreException when the shared table cannot be written
     */
    public synchronized void drain(String provider, boolean drain) {
        postern.providers().stream()
                .filter(p -> p.name().equals(provider))
                .findFirst()
                .orElseThrow(() -> new PosternException("no provider named '" + provider + "'"));
        if (cluster.isPresent()) {
            if (drain) {
                cluster.get().drain(provider, self.id(), clock.instant());
            } else {
                cluster.get().undrain(provider);
            }
        }
        apply(provider, drain);
    }

    private void tick() {
        ticking.lock();
        try {
            if (closed) {
                return;
            }
            Cluster shared = cluster.orElseThrow();
            shared.heartbeat(
                    new Cluster.Instance(self.id(), self.host(), self.version(), self.startedAt(), clock.instant()));
            outbox.releaseDead(deadAfter)
                    .forEach((id, claims) -> LOG.warn(
                            "instance {} has not been heard from for more than {}: taking over the {} messages"
                                    + " it was sending",
                            id,
                            deadAfter,
                            claims));
            syncDrains(shared);
            warned = false;
        } catch (RuntimeException e) {
            // The store is unreachable: the outbox reports that itself; log once per outage.
            if (!warned) {
                LOG.warn("cannot reach the shared store for heartbeat and drains: {}", e.getMessage());
                warned = true;
            }
        } finally {
            ticking.unlock();
        }
    }

    private synchronized void syncDrains(Cluster shared) {
        Set<String> drained = shared.drained();
        for (ProviderStatus p : postern.providers()) {
            boolean want = drained.contains(p.name());
            if (want != (p.state() == ProviderState.DRAINED)) {
                LOG.info("{} provider {} as another instance did", want ? "draining" : "undraining", p.name());
                apply(p.name(), want);
            }
        }
    }

    private void apply(String provider, boolean drain) {
        if (drain) {
            postern.drain(provider);
        } else {
            postern.undrain(provider);
        }
    }

    /**
     * Stops the heartbeat and leaves the list at once, rather than after {@code dead_after}. An
     * instance that left is not dead: its rounds still running settle as usual.
     */
    @Override
    public void close() {
        closed = true;
        ticks.cancel();
        try {
            // a tick in progress would otherwise write a heartbeat after this instance left
            if (ticking.tryLock(5, TimeUnit.SECONDS)) {
                ticking.unlock();
            } else {
                LOG.warn("the cluster heartbeat did not stop in time");
            }
            cluster.ifPresent(c -> c.leave(self.id()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            LOG.warn("could not leave the cluster list; it drops this instance after {}", deadAfter);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static String version() {
        String v = ClusterNode.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
