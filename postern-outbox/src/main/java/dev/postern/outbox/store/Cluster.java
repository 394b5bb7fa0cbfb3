package dev.postern.outbox.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What gateways sharing one store share besides the messages (docs/scaling.md): who is alive,
 * operator drains, and rate budgets. Only a store that several processes can open at once has one
 * ({@link Store#cluster()}); with SQLite each of these stays in the one process. Methods throw
 * {@link StoreException} when the database cannot be used.
 */
public interface Cluster {

    /** One gateway process as its heartbeats describe it. */
    record Instance(String id, String host, String version, Instant startedAt, Instant heartbeatAt) {}

    /** Records that {@code self} is alive at {@code self.heartbeatAt()}. */
    void heartbeat(Instance self);

    /** The instances whose last heartbeat is at or after {@code since}, oldest first. */
    List<Instance> instances(Instant since);

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
}
