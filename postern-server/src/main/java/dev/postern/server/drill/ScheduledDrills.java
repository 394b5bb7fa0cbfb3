package dev.postern.server.drill;

import dev.postern.ProviderStatus;
import dev.postern.server.config.DrillSchedule;
import dev.postern.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code drills.schedule}: at each cron time plus a random jitter, asks the {@link
 * DrillLifecycle} to start a drill on the scheduled provider, unless a provider is already not
 * available (a drill then would test the wrong thing, and could leave too little to send through)
 * or the lifecycle refuses (a drill already runs). With {@code drills.probe_to}, a scheduled drill
 * sends one probe per {@link #PROBE_EVERY} of its duration. On a shared store every instance
 * follows the schedule, and the first to claim a cron time ({@link SharedDrills#claimSlot}) runs its
 * drill: one drill per cron time for the cluster. The lifecycle never calls back here.
 */
final class ScheduledDrills {
    static final Duration PROBE_EVERY = Duration.ofSeconds(30);
    private static final int KEEP_SKIPPED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDrills.class);

    private final DrillSchedule schedule;
    private final DrillLifecycle drills;
    private final Drills.Parts parts;
    private final SharedDrills shared;
    private final List<String> skipped = new ArrayList<>();
    private Scheduler.Cancellable next = () -> {};
    private boolean cancelled;

    private ScheduledDrills(DrillSchedule schedule, DrillLifecycle drills, Drills.Parts parts, SharedDrills shared) {
        this.schedule = schedule;
        this.drills = drills;
        this.parts = parts;
        this.shared = shared;
    }

    /** Follows {@code schedule}, the first drill already planned. */
    static ScheduledDrills plan(
            DrillSchedule schedule, DrillLifecycle drills, Drills.Parts parts, SharedDrills shared) {
        ScheduledDrills scheduled = new ScheduledDrills(schedule, drills, parts, shared);
        scheduled.planNext();
        return scheduled;
    }

    private synchronized void planNext() {
        if (cancelled) {
            return;
        }
        Instant now = parts.clock().instant();
        Optional<Instant> at = schedule.nextAfter(now, parts.clock().getZone());
        if (at.isEmpty()) {
            LOG.warn("drills.schedule '{}' names no future time; no drill is scheduled", schedule);
            return;
        }
        Duration jitter = parts.config().jitter();
        long jitterMillis = jitter.isZero() ? 0 : parts.random().nextLong(jitter.toMillis() + 1);
        Duration delay = Duration.between(now, at.get()).plusMillis(jitterMillis);
        LOG.info("next scheduled failover drill at {}", now.plus(delay));
        Instant slot = at.get();
        next = parts.scheduler().schedule(delay, () -> fire(slot));
    }

    /** Runs the drill of cron time {@code slot}, unless this instance should not or another runs it. */
    private void fire(Instant slot) {
        List<ProviderStatus> providers = parts.postern().providers();
        List<String> unwell = DrillRules.unwell(providers);
        if (!unwell.isEmpty()) {
            skip("a provider is already not available (" + String.join(", ", unwell) + ")");
        } else if (!claimed(slot)) {
            // another instance runs it, or none can: claimed said which
        } else {
            switch (drills.start(request(providers), "schedule")) {
                case DrillStart.Started started -> {}
                case DrillStart.Conflict conflict -> skip(conflict.reason());
                case DrillStart.Invalid invalid -> skip(invalid.reason());
            }
        }
        planNext();
    }

    private boolean claimed(Instant slot) {
        try {
            if (shared.claimSlot(slot)) {
                return true;
            }
            LOG.info("the scheduled failover drill of {} is another instance's", slot);
            return false;
        } catch (RuntimeException e) {
            skip("the drill could not be claimed for the cluster: " + e.getMessage());
            return false;
        }
    }

    /** A drill of {@code drills.duration} on {@code drills.provider}, or the first by priority. */
    private DrillRequest request(List<ProviderStatus> providers) {
        var config = parts.config();
        String provider = config.provider()
                .orElseGet(() -> providers.stream()
                        .min((a, b) -> Integer.compare(a.priority(), b.priority()))
                        .orElseThrow()
                        .name());
        int probes = config.probeTo().isEmpty()
                ? 0
                : (int) Math.max(1, config.duration().toSeconds() / PROBE_EVERY.toSeconds());
        return new DrillRequest(provider, config.duration(), Math.min(probes, DrillRequest.MAX_PROBES));
    }

    private synchronized void skip(String reason) {
        String line = parts.clock().instant() + ": " + reason;
        LOG.warn("scheduled failover drill skipped: {}", reason);
        skipped.add(line);
        if (skipped.size() > KEEP_SKIPPED) {
            skipped.removeFirst();
        }
    }

    /** The scheduled runs that were skipped, newest last. */
    synchronized List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** Plans no further drill; a drill already running is not the schedule's to stop. */
    synchronized void cancel() {
        cancelled = true;
        next.cancel();
    }
}
