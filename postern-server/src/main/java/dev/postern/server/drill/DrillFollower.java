package dev.postern.server.drill;

import dev.postern.Postern;
import dev.postern.outbox.store.Cluster;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds this instance's rotation to the cluster's drill: every {@link ClusterNode#TICK} it reads the
 * shared drill and, while a drill started by another instance holds a provider out, keeps that
 * provider in state {@code drill} here; when the drill ends (restored, aborted, or run out because
 * the instance that started it died) the provider comes back. The drills this instance starts
 * belong to its {@link DrillLifecycle} and are not followed here. While the store cannot be read a
 * followed drill is held until its deadline. Followers raise no events: the instance that started
 * the drill announces it once for the cluster.
 */
final class DrillFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrillFollower.class);

    private final Cluster cluster;
    private final Postern postern;
    private final String self;
    private final Clock clock;
    private Optional<Cluster.Drill> following = Optional.empty();
    private Scheduler.Cancellable ticks = () -> {};
    private boolean closed;
    private boolean warned;

    private DrillFollower(Cluster cluster, Postern postern, String self, Clock clock) {
        this.cluster = cluster;
        this.postern = postern;
        this.self = self;
        this.clock = clock;
    }

    /** Follows the cluster's drill from now on, every {@link ClusterNode#TICK} on {@code scheduler}. */
    static DrillFollower start(Cluster cluster, Postern postern, String self, Clock clock, Scheduler scheduler) {
        DrillFollower follower = new DrillFollower(cluster, postern, self, clock);
        follower.tick();
        follower.ticks = scheduler.every(ClusterNode.TICK, follower::tick);
        return follower;
    }

    synchronized void tick() {
        if (closed) {
            return;
        }
        Optional<Cluster.Drill> want;
        try {
            want = cluster.drill(clock.instant()).filter(d -> !d.instance().equals(self));
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                LOG.warn("cannot read the cluster's drill: {}", e.getMessage());
                warned = true;
            }
            // unreadable: what is followed stays out, but no longer than its deadline
            want = following.filter(d -> d.until().isAfter(clock.instant()));
        }
        if (!want.equals(following)) {
            following.ifPresent(this::release);
            want.ifPresent(this::hold);
            following = want;
        }
    }

    private void hold(Cluster.Drill d) {
        LOG.info(
                "failover drill {} of instance {}: {} is out of rotation here too, until {}",
                d.id(),
                d.instance(),
                d.provider(),
                d.until());
        apply(d, true);
    }

    private void release(Cluster.Drill d) {
        LOG.info(
                "failover drill {} of instance {} ended: {} is back in rotation here",
                d.id(),
                d.instance(),
                d.provider());
        apply(d, false);
    }

    private void apply(Cluster.Drill d, boolean out) {
        try {
            if (out) {
                postern.beginDrill(d.provider());
            } else {
                postern.endDrill(d.provider());
            }
        } catch (RuntimeException e) {
            // a provider the other instance has and this one has not: nothing to hold out here
            LOG.warn("failover drill {}: {} cannot be followed here: {}", d.id(), d.provider(), e.getMessage());
        }
    }

    /** Stops following; a provider held out for another instance's drill goes back. */
    @Override
    public synchronized void close() {
        closed = true;
        ticks.cancel();
        following.ifPresent(this::release);
        following = Optional.empty();
    }
}
