package dev.postern.server.cluster;

import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.StoreException;
import dev.postern.ratelimit.RateLimitConfig;
import dev.postern.ratelimit.SharedBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers' rate budgets kept in the shared store, so every gateway on one database spends from
 * the same per-second and per-day counts. Bound to the store once it is open ({@link #bind});
 * before that, and while the database cannot be reached, each instance keeps only to its own
 * bucket: sending does not stop because the counts are out of reach (the outbox would be too).
 */
public final class ClusterBudget implements SharedBudget {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBudget.class);
    private static final long SECOND = 1000;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final AtomicReference<Cluster> cluster = new AtomicReference<>();
    /** Set while the database is out of reach, so an outage is logged once, not once per send. */
    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** Starts counting in {@code shared}. */
    public void bind(Cluster shared) {
        cluster.set(shared);
    }

    @Override
    public boolean tryTake(String provider, RateLimitConfig limits, int tokens, Instant now) {
        Cluster shared = cluster.get();
        if (shared == null) {
            return true;
        }
        try {
            if (limits.perSecond() > 0 && !shared.take(provider, SECOND, limits.perSecond(), tokens, now)) {
                return false;
            }
            if (limits.perDay() > 0 && !shared.take(provider, DAY, limits.perDay(), tokens, now)) {
                if (limits.perSecond() > 0) {
                    shared.giveBack(provider, SECOND, tokens, now);
                }
                return false;
            }
            if (unreachable.compareAndSet(true, false)) {
                LOG.info("shared rate budgets reachable again");
            }
            return true;
        } catch (StoreException e) {
            if (unreachable.compareAndSet(false, true)) {
                LOG.warn("shared rate budgets unreachable, each instance keeps to its own: {}", e.getMessage());
            }
            return true;
        }
    }

    @Override
    public void giveBack(String provider, RateLimitConfig limits, int tokens, Instant now) {
        Cluster shared = cluster.get();
        if (shared == null) {
            return;
        }
        try {
            if (limits.perSecond() > 0) {
                shared.giveBack(provider, SECOND, tokens, now);
            }
            if (limits.perDay() > 0) {
                shared.giveBack(provider, DAY, tokens, now);
            }
        } catch (StoreException e) {
            // Tokens not returned only make the budget stricter until the window ends.
            LOG.debug("could not return tokens to the shared budget of {}: {}", provider, e.getMessage());
        }
    }
}
