package dev.postern.outbox.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What gateways sharing one store share besides the messages (docs/scaling.md): who is alive (by
 * heartbeats on the database's clock, so that a dead instance's claims move within seconds),
 * operator drains, rate budgets, the one drill of the cluster, and each instance's view of the
 * providers. Only a store that several processes can open at once has one
 * ({@link Store#cluster()}); with SQLite each of these stays in the one process. Methods throw
 * {@link StoreException} when the database cannot be used.
 */
public interface Cluster {

    /** One gateway process as its heartbeats describe it. */
    record Instance(String id, String host, String version, Instant startedAt, Instant heartbeatAt) {}

    /**
     * Records that {@code self} is alive now, on the database's clock: {@code self.heartbeatAt()}
     * is not used, so that an instance's skewed clock can neither keep it alive nor make it dead.
     */
    void heartbeat(Instance self);

    /** The instances heard from within {@code within} of now (the database's clock), oldest first. */
    List<Instance> instances(Duration within);

    /**
     * Takes over from the dead, in one statement on the database's clock: forgets every instance
     * not heard from for longer than {@code deadAfter}, and makes the messages it was sending due
     * at once, ahead of everything queued after them, so that any live instance claims them again.
     * Several instances may call it at once; each dead instance is released by one of them. A
     * round still running on an instance thought dead can no longer settle its message once it is
     * claimed again ({@link Store#settle}).
     *
     * @return each instance found dead, with how many claims it held
     */
    Map<String, Integer> releaseDead(Duration deadAfter);

    /** Removes instance {@code id} (it is shutting down cleanly). */
    void leave(String id);

    /** Drains {@code provider} for every instance; draining twice is harmless. */
    void drain(String provider, String by, Instant at);

    /** Ends the drain of {@code provider}; returns false if it was not drained. */
    boolean undrain(String provider);

    /** The providers drained now. */
    Set<String> drained();

    /**
     * Takes {@code tokens} sends from {@code provider}'s budget of {@code limit} per {@code
     * windowMillis} (fixed windows aligned to the epoch: seconds, UTC days), all or none, counted
     * across all instances in one atomic update.
     *
     * @return true if they fit in the budget of the window holding {@code now}
     */
    boolean take(String provider, long windowMillis, long limit, int tokens, Instant now);

    /** Returns {@code tokens} taken at {@code now} for sends not made, if that window is still current. */
    void giveBack(String provider, long windowMillis, int tokens, Instant now);

    // ---- drills (docs/drills.md) -------------------------------------------------------------

    /**
     * The cluster's one drill: {@code provider} is out of every instance's rotation from {@code
     * startedAt} until the drill is ended or {@code until} passes (the instance that started it died).
     */
    record Drill(String id, String provider, String instance, Instant startedAt, Instant until) {}

    /**
     * Records {@code drill} as the cluster's one drill, unless another drill holds the cluster at
     * {@code now} (one atomic upsert: two instances starting at once cannot both win).
     *
     * @return the drill holding the cluster: {@code drill} itself when it was recorded
     */
    Drill startDrill(Drill drill, Instant now);

    /** Ends drill {@code id}: every instance puts its provider back at its next read. Harmless twice. */
    void endDrill(String id);

    /** The drill holding the cluster at {@code now}, if one does. */
    Optional<Drill> drill(Instant now);

    /**
     * Claims the scheduled drill of cron time {@code slot} for {@code instance}: true for exactly one
     * caller per slot, so a schedule every instance follows starts one drill per cluster.
     */
    boolean claimDrillSlot(Instant slot, String instance);

    /** Attempts of every instance that ended in one second, at one provider, with one outcome. */
    record AttemptCount(Instant second, String provider, String outcome, int count) {}

    /** The attempts of every instance that ended in {@code [from, to)}, by second, oldest first. */
    List<AttemptCount> attempts(Instant from, Instant to);

    /**
     * When the first attempt accepted in {@code [from, to)} ended: by {@code provider} when {@code
     * byIt}, otherwise by any other provider.
     */
    Optional<Instant> firstAccepted(String provider, boolean byIt, Instant from, Instant to);

    /**
     * What the providers accepted from every instance in a stretch of time.
     *
     * @param delivered attempts accepted (a message delivered twice counts twice)
     * @param maxLatency the longest accept-to-delivery latency of those messages
     * @param p99Latency its 99th percentile
     * @param failed messages now failed for good that had an attempt in the stretch
     */
    record Deliveries(long delivered, Optional<Duration> maxLatency, Optional<Duration> p99Latency, long failed) {}

    /** {@link Deliveries} of the attempts that ended in {@code [from, to)}. */
    Deliveries deliveries(Instant from, Instant to);

    // ---- the providers as each instance judges them -------------------------------------------

    /** How instance {@code instance} judged {@code provider} at {@code at} (wire names of state and breaker). */
    record ProviderView(String instance, String provider, String state, String breaker, Instant at) {}

    /**
     * Replaces {@code instance}'s views with {@code views}, and forgets those of instances no longer
     * listed.
     */
    void publish(String instance, List<ProviderView> views);

    /** The views of the instances heard from within {@code liveFor}, on the database's clock. */
    List<ProviderView> views(Duration liveFor);
}
