package dev.postern.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Failover drills ({@code drills}): the schedule, and the defaults of every drill, scheduled or
 * started by hand. See docs/drills.md.
 *
 * @param schedule a five-field cron expression in the server's time zone; empty: no scheduled drills
 * @param duration how long a scheduled drill holds its provider out
 * @param probeTo where probe messages go during a drill; empty: drills cannot send probes
 * @param provider the provider a scheduled drill takes out; empty: the first by priority
 * @param jitter a scheduled drill starts up to this much after its cron time, at random, so that
 *     gateways on one schedule do not all drill at the same instant
 * @param folder where reports are saved; empty: {@code drills/} next to a SQLite store, or {@code
 *     ./data/drills} for PostgreSQL
 * @param recovery after the provider is restored, how long to wait for it to take traffic back
 *     (and for alert sinks to settle) before the verdict
 */
public record DrillConfig(
        Optional<String> schedule,
        Duration duration,
        Optional<String> probeTo,
        Optional<String> provider,
        Duration jitter,
        Optional<Path> folder,
        Duration recovery) {

    /** No schedule, no probes, ten-minute drills, five minutes of jitter, one minute for recovery. */
    public static final DrillConfig DEFAULTS = new DrillConfig(
            Optional.empty(),
            Duration.ofMinutes(10),
            Optional.empty(),
            Optional.empty(),
            Duration.ofMinutes(5),
            Optional.empty(),
            Duration.ofMinutes(1));

    public DrillConfig {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(probeTo, "probe_to");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(folder, "folder");
        positive("duration", duration);
        if (jitter == null || jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must be >= 0, but was " + jitter);
        }
        positive("recovery", recovery);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }

    public DrillConfig withFolder(Path folder) {
        return new DrillConfig(schedule, duration, probeTo, provider, jitter, Optional.of(folder), recovery);
    }

    public DrillConfig withProbeTo(String probeTo) {
        return new DrillConfig(schedule, duration, Optional.of(probeTo), provider, jitter, folder, recovery);
    }

    public DrillConfig withRecovery(Duration recovery) {
        return new DrillConfig(schedule, duration, probeTo, provider, jitter, folder, recovery);
    }

    public DrillConfig withSchedule(String schedule, Duration jitter) {
        return new DrillConfig(Optional.of(schedule), duration, probeTo, provider, jitter, folder, recovery);
    }
}
