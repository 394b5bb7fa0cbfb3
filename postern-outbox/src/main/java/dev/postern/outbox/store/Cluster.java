package dev.postern.outbox.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What gateways sharing one store share besides the messages (docs/scaling.md): who is alive (by
 * heartbeats on the database's clock, so that a dead instance's claims move within seconds),
 * operator drains, and rate budgets. Only a store that several processes can open at once has one
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
}
