package dev.postern.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How gateways sharing one PostgreSQL store judge each other ({@code cluster}, docs/scaling.md).
 *
 * @param deadAfter an instance whose heartbeat (written every second, on the database's clock) is
 *     older than this is dead: it is no longer listed, and the first live instance to notice makes
 *     the messages it was sending due at once. Between three heartbeats, so that one slow write
 *     does not make a live instance dead, and ten minutes
 */
public record ClusterConfig(Duration deadAfter) {

    /** The shortest {@code dead_after}: three heartbeats. */
    public static final Duration MIN_DEAD_AFTER = Duration.ofSeconds(3);

    /** The longest {@code dead_after}; a longer silence is better left to the lease (2 minutes). */
    public static final Duration MAX_DEAD_AFTER = Duration.ofMinutes(10);

    /** Dead after 10 s without a heartbeat. */
    public static final ClusterConfig DEFAULTS = new ClusterConfig(Duration.ofSeconds(10));

    public ClusterConfig {
        Objects.requireNonNull(deadAfter, "cluster.dead_after");
        if (deadAfter.compareTo(MIN_DEAD_AFTER) < 0 || deadAfter.compareTo(MAX_DEAD_AFTER) > 0) {
            throw new IllegalArgumentException("cluster.dead_after must be 3s..10m, but was " + deadAfter);
        }
    }
}
