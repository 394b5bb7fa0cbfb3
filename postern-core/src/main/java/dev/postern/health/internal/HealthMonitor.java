package dev.postern.health.internal;

import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.time.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every provider on its own schedule and hands each result to the provider's route, which
 * keeps its {@link HealthTracker}. Probes run off the send path: routing only reads what they left.
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
    public void watch(String name, Provider provider, HealthCheckConfig config, Consumer<HealthResult> results) {
        scheduleNext(name, provider, config, results);
    }

    /** Runs one probe now. A probe that throws counts as a failed probe. */
    static HealthResult probe(String name, Provider provider) {
        try {
            return provider.checkHealth();
        } catch (RuntimeException e) {
            LOG.warn("health check of {} threw; counted as failed", name, e);
            return HealthResult.down("health check failed: " + e);
        }
    }

    private void scheduleNext(
            String name, Provider provider, HealthCheckConfig config, Consumer<HealthResult> results) {
        if (closed) {
            return;
        }
        Duration delay = jittered(config.interval(), config.jitter());
        pending.put(name, scheduler.schedule(delay, () -> {
            results.accept(probe(name, provider));
            scheduleNext(name, provider, config, results);
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
