package dev.postern.health.internal;

import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.time.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every provider on its own schedule and feeds the results to its {@link HealthTracker}.
 * Probes run off the send path: routing only reads what the trackers hold.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<String, Scheduler.Cancellable> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public HealthMonitor(Scheduler scheduler, RandomGenerator random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    /** Starts probing {@code provider} one jittered interval from now, then again after each probe. */
    public void watch(String name, Provider provider, HealthTracker tracker) {
        scheduleNext(name, provider, tracker);
    }

    /** Runs one probe now. A probe that throws counts as a failed probe. */
    public static void probe(String name, Provider provider, HealthTracker tracker) {
        HealthResult result;
        try {
            result = provider.checkHealth();
        } catch (RuntimeException e) {
            LOG.warn("health check of {} threw; counted as failed", name, e);
            result = HealthResult.down("health check failed: " + e);
        }
        tracker.record(result);
    }

    private void scheduleNext(String name, Provider provider, HealthTracker tracker) {
        if (closed) {
            return;
        }
        Duration delay = jittered(tracker.config().interval(), tracker.config().jitter());
        pending.put(name, scheduler.schedule(delay, () -> {
            probe(name, provider, tracker);
            scheduleNext(name, provider, tracker);
        }));
    }

    private Duration jittered(Duration interval, double jitter) {
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos((long) (interval.toNanos() * factor));
    }

    @Override
    public void close() {
        closed = true;
        pending.values().forEach(Scheduler.Cancellable::cancel);
        pending.clear();
    }
}
