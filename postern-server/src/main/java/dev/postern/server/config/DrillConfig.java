package dev.postern.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Scheduled failover drills ({@code drills}). Accepted and validated; not in effect yet (drills
 * come with a later issue).
 *
 * @param schedule a five-field cron expression in the server's time zone
 * @param probeTo where probe messages go during a drill
 */
public record DrillConfig(String schedule, Duration duration, String probeTo) {
    public DrillConfig {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(probeTo, "probe_to");
    }
}
