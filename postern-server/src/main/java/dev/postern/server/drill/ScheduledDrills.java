package dev.postern.server.drill;

import dev.postern.server.config.DrillConfig;
import dev.postern.server.config.DrillSchedule;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code drills.schedule}: at each cron time plus a random jitter, starts a drill on the
 * scheduled provider, unless a provider is already not available (a drill then would test the
 * wrong thing, and could leave too little to send through) or a drill already runs. With {@code
 * drills.probe_to}, a scheduled drill sends one probe per {@link #PROBE_EVERY} of its duration.
 */
final class ScheduledDrills {
    static final Duration PROBE_EVERY = Duration.ofSeconds(30);
    private static final int KEEP_SKIPPED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDrills.class);

    private final DrillSchedule schedule;
    private final Drills drills;
    private final DrillConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final List<String> skipped = new ArrayList<>();
    private Scheduler.Cancellable next;
    private boolean cancelled;

    ScheduledDrills(
            DrillSchedule schedule,
            Drills drills,
            DrillConfig config,
            Clock clock,
            Scheduler scheduler,
            RandomGenerator random) {
        this.schedule = schedule;
        this.drills = drills;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
    }

    synchronized void planNext() {
        if (cancelled) {
            return;
        }
        Instant now = clock.instant();
        Optional<Instant> at = schedule.nextAfter(now, clock.getZone());
        if (at.isEmpty()) {
            LOG.warn("drills.schedule '{}' names no future time; no drill is scheduled", schedule);
            return;
        }
        long jitterMillis =
                config.jitter().isZero() ? 0 : random.nextLong(config.jitter().toMillis() + 1);
        Duration delay = Duration.between(now, at.get()).plusMillis(jitterMillis);
        LOG.info("next scheduled failover drill at {}", now.plus(delay));
        next = scheduler.schedule(delay, this::fire);
    }

    private void fire() {
        List<String> unwell = drills.unwell();
        if (!unwell.isEmpty()) {
            skip("a provider is already not available (" + String.join(", ", unwell) + ")");
        } else {
            int probes = config.probeTo().isEmpty()
                    ? 0
                    : (int) Math.max(1, config.duration().toSeconds() / PROBE_EVERY.toSeconds());
            String provider = drills.scheduledProvider();
            DrillRequest request =
                    new DrillRequest(provider, config.duration(), Math.min(probes, DrillRequest.MAX_PROBES));
            switch (drills.start(request, "schedule")) {
                case DrillStart.Started started -> {}
                case DrillStart.Conflict conflict -> skip(conflict.reason());
                case DrillStart.Invalid invalid -> skip(invalid.reason());
            }
        }
        planNext();
    }

    private synchronized void skip(String reason) {
        String line = clock.instant() + ": " + reason;
        LOG.warn("scheduled failover drill skipped: {}", reason);
        skipped.add(line);
        if (skipped.size() > KEEP_SKIPPED) {
            skipped.removeFirst();
        }
    }

    synchronized List<String> skipped() {
        return List.copyOf(skipped);
    }

    synchronized void cancel() {
        cancelled = true;
        if (next != null) {
            next.cancel();
        }
    }
}
