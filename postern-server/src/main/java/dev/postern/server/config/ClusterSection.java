package dev.postern.server.config;

import java.time.Duration;

/** Reads {@code cluster}. */
final class ClusterSection {
    private ClusterSection() {}

    static ClusterConfig cluster(Section root) {
        if (!root.has("cluster")) {
            return ClusterConfig.DEFAULTS;
        }
        Section c = root.section("cluster");
        c.allow("dead_after");
        Duration deadAfter = c.duration("dead_after", ClusterConfig.DEFAULTS.deadAfter());
        if (deadAfter.compareTo(ClusterConfig.MIN_DEAD_AFTER) < 0
                || deadAfter.compareTo(ClusterConfig.MAX_DEAD_AFTER) > 0) {
            c.problem("dead_after", "must be 3s..10m, but was " + Durations.format(deadAfter));
            return ClusterConfig.DEFAULTS;
        }
        return new ClusterConfig(deadAfter);
    }
}
