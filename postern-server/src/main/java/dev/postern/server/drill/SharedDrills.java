package dev.postern.server.drill;

import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.StoreException;
import dev.postern.server.stats.TrafficSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the drills of this instance share with the other gateways on a shared store (docs/drills.md):
 * the cluster's one drill (so that every instance holds the provider out, see {@link
 * DrillFollower}), the claim of each scheduled drill time (so that a schedule fires once per
 * cluster), and the attempts of every instance for the report. Without a shared store (SQLite) this
 * instance is the cluster: every drill is held, every slot claimed, and nothing is read from here.
 */
final class SharedDrills {
    private static final Logger LOG = LoggerFactory.getLogger(SharedDrills.class);

    private final Optional<Cluster> cluster;
    private final String self;

    SharedDrills(Optional<Cluster> cluster, String self) {
        this.cluster = cluster;
        this.self = self;
    }

    /** The shared store, when there is one. */
    Optional<Cluster> cluster() {
        return cluster;
    }

    /** This instance's id among the others. */
    String self() {
        return self;
    }

    /**
     * Why no drill may start at {@code now} because another instance's runs; empty when none does
     * (or the store cannot say: {@link #hold} asks again).
     */
    Optional<DrillStart> running(Instant now) {
        try {
            return cluster.flatMap(c -> c.drill(now)).map(SharedDrills::oneAtATime);
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    /** Makes {@code run} the cluster's drill, or says why not (another instance's drill runs, the store is down). */
    Optional<DrillStart> hold(DrillRun run) {
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        Cluster.Drill mine = new Cluster.Drill(run.id(), run.provider(), self, run.startedAt(), run.deadline());
        try {
            Cluster.Drill holder = cluster.get().startDrill(mine, run.startedAt());
            if (holder.id().equals(run.id())) {
                return Optional.empty();
            }
            return Optional.of(oneAtATime(holder));
        } catch (StoreException e) {
            return Optional.of(
                    new DrillStart.Conflict("the drill cannot be shared with the other instances: " + e.getMessage()));
        }
    }

    private static DrillStart oneAtATime(Cluster.Drill holder) {
        return new DrillStart.Conflict("drill " + holder.id() + " on " + holder.provider() + " is running on instance "
                + holder.instance() + " (since " + holder.startedAt() + "); one drill at a time across the cluster");
    }

    /** Ends {@code run} for the other instances; if the store is down, they end it at its deadline. */
    void release(DrillRun run) {
        try {
            cluster.ifPresent(c -> c.endDrill(run.id()));
        } catch (StoreException e) {
            LOG.warn(
                    "failover drill {}: the other instances could not be told it ended ({}); they put {}"
                            + " back at its deadline, {}",
                    run.id(),
                    e.getMessage(),
                    run.provider(),
                    run.deadline());
        }
    }

    /**
     * True when this instance runs the scheduled drill of cron time {@code slot}: always alone,
     * and for the first instance to claim it on a shared store.
     */
    boolean claimSlot(Instant slot) {
        return cluster.map(c -> c.claimDrillSlot(slot, self)).orElse(true);
    }

    /** Whether any instance saw {@code provider} accept a message in {@code [from, to)}; false when alone. */
    boolean acceptedAnywhere(String provider, Instant from, Instant to) {
        try {
            return cluster.map(c -> c.firstAccepted(provider, true, from, to).isPresent())
                    .orElse(false);
        } catch (StoreException e) {
            return false; // asked again at the next check, and the recovery ends the wait anyway
        }
    }

    /** Every second of {@code [from, to)} with the attempts of every instance that ended in it. */
    static List<TrafficSeries.Second> traffic(Cluster cluster, Instant from, Instant to) {
        Map<Long, Map<String, Map<String, Integer>>> bySecond = new LinkedHashMap<>();
        for (long s = from.getEpochSecond(); s <= to.minusMillis(1).getEpochSecond(); s++) {
            bySecond.put(s, new LinkedHashMap<>());
        }
        for (Cluster.AttemptCount a : cluster.attempts(from, to)) {
            bySecond.computeIfAbsent(a.second().getEpochSecond(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(a.provider(), p -> new LinkedHashMap<>())
                    .merge(a.outcome(), a.count(), Integer::sum);
        }
        List<TrafficSeries.Second> seconds = new ArrayList<>();
        bySecond.forEach(
                (s, byProvider) -> seconds.add(new TrafficSeries.Second(Instant.ofEpochSecond(s), byProvider)));
        return seconds;
    }
}
