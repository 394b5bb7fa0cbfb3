package dev.postern.server.cluster;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.outbox.store.Cluster;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each live instance's judgement of each provider, side by side ({@code GET
 * /v1/providers?cluster=true} and the dashboard): breakers, health checks and cooling are per
 * instance, so one instance may hold a provider open that another sends through. This instance
 * publishes its providers' states and breakers through the shared store every {@link
 * ClusterNode#TICK} when they changed, and at least every {@link #REPUBLISH}; the view reads the
 * rows of the instances heard from within {@code cluster.dead_after}. Alone (SQLite) the view is
 * this instance's.
 */
public final class ProviderViews implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderViews.class);

    /** An unchanged view is written again this often, so the rows of a live instance never go stale. */
    public static final Duration REPUBLISH = Duration.ofSeconds(10);

    private final Optional<Cluster> cluster;
    private final Postern postern;
    private final String self;
    private final Duration liveFor;
    private final Clock clock;
    private List<Cluster.ProviderView> published = List.of();
    private Instant publishedAt = Instant.MIN;
    private Scheduler.Cancellable ticks = () -> {};
    private boolean warned;

    private ProviderViews(Optional<Cluster> cluster, Postern postern, ClusterNode node, Clock clock) {
        this.cluster = cluster;
        this.postern = postern;
        this.self = node.id();
        this.liveFor = node.deadAfter();
        this.clock = clock;
    }

    /** Publishes this instance's view now and every {@link ClusterNode#TICK} on {@code scheduler}, when shared. */
    public static ProviderViews start(
            Optional<Cluster> cluster, Postern postern, ClusterNode node, Clock clock, Scheduler scheduler) {
        ProviderViews views = new ProviderViews(cluster, postern, node, clock);
        if (cluster.isPresent()) {
            views.tick();
            views.ticks = scheduler.every(ClusterNode.TICK, views::tick);
        }
        return views;
    }

    /**
     * This instance's view, read now, then those the other live instances published, in the order
     * they started.
     *
     * @throws dev.postern.outbox.store.StoreException when the shared store cannot be read
     */
    public List<Cluster.ProviderView> views() {
        Instant now = clock.instant();
        List<Cluster.ProviderView> all = new ArrayList<>(mine(now));
        cluster.ifPresent(c -> c.views(liveFor).stream()
                .filter(v -> !v.instance().equals(self))
                .forEach(all::add));
        return all;
    }

    private synchronized void tick() {
        Instant now = clock.instant();
        List<Cluster.ProviderView> current = mine(now);
        if (same(current, published) && now.isBefore(publishedAt.plus(REPUBLISH))) {
            return;
        }
        try {
            cluster.orElseThrow().publish(self, current);
            published = current;
            publishedAt = now;
            warned = false;
        } catch (RuntimeException e) {
            // the store is unreachable: the outbox reports that itself; log once per outage
            if (!warned) {
                LOG.warn("cannot publish this instance's provider states: {}", e.getMessage());
                warned = true;
            }
        }
    }

    private List<Cluster.ProviderView> mine(Instant now) {
        List<Cluster.ProviderView> views = new ArrayList<>();
        for (ProviderStatus p : postern.providers()) {
            views.add(new Cluster.ProviderView(
                    self, p.name(), p.state().wireName(), p.breaker().wireName(), now));
        }
        return views;
    }

    /** Equal judgements, whenever they were made. */
    private static boolean same(List<Cluster.ProviderView> a, List<Cluster.ProviderView> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Cluster.ProviderView x = a.get(i);
            Cluster.ProviderView y = b.get(i);
            if (!x.provider().equals(y.provider())
                    || !x.state().equals(y.state())
                    || !x.breaker().equals(y.breaker())) {
                return false;
            }
        }
        return true;
    }

    /** Stops publishing; the rows go once this instance has left the instance list. */
    @Override
    public void close() {
        ticks.cancel();
    }
}
