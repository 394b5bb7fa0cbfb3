package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.error.PosternException;
import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.StoreException;
import dev.postern.provider.RateLimitStatus;
import dev.postern.server.auth.Scope;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.server.cluster.ProviderViews;
import dev.postern.server.config.RateLimit;
import dev.postern.server.stats.DeliveryRates;
import dev.postern.server.stats.ProviderStats;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/providers[?cluster=true]} and {@code POST /v1/providers/{name}/drain|undrain}.
 * Drains go through the {@link ClusterNode}, so on a shared store they hold on every instance; the
 * providers' states, breakers and stats are this instance's view, and {@code ?cluster=true} (admin)
 * shows every live instance's state and breaker per provider side by side ({@link ProviderViews}).
 * Each provider's {@code bounce_rate} and {@code complaint_rate} are over {@link
 * DeliveryRates#WINDOW}, with the counts they come from under {@code rates}.
 */
final class ProviderRoutes {
    private final Postern postern;
    private final ProviderStats stats;
    private final DeliveryRates rates;
    private final ClusterNode node;
    private final Map<String, Optional<RateLimit>> rateLimits;
    private final ProviderViews views;

    ProviderRoutes(
            Postern postern,
            ProviderStats stats,
            DeliveryRates rates,
            Map<String, Optional<RateLimit>> rateLimits,
            ClusterNode node,
            ProviderViews views) {
        this.postern = postern;
        this.node = node;
        this.views = views;
        this.stats = stats;
        this.rates = rates;
        this.rateLimits = Map.copyOf(rateLimits);
    }

    void list(Context ctx) {
        String cluster = ctx.queryParam("cluster");
        if (cluster != null && !cluster.equals("false")) {
            if (!cluster.equals("true")) {
                throw ApiError.invalidField(
                        "cluster",
                        "cluster must be true or false, but was '"
                                + (cluster.length() > 16 ? cluster.substring(0, 16) + "…" : cluster) + "'");
            }
            clusterView(ctx);
            return;
        }
        Authenticator.any(ctx);
        ObjectNode answer = Json.object();
        ArrayNode providers = answer.putArray("providers");
        postern.providers().forEach(p -> providers.add(toJson(p)));
        Json.write(ctx, 200, answer);
    }

    /**
     * {@code {"self", "shared_store", "instances": [id, ...], "providers": [{"name", "agree",
     * "instances": [{"instance", "state", "breaker", "at"}]}]}}: providers in this instance's order
     * (then any only another instance has), instances in the order of {@link ProviderViews#views}.
     */
    private void clusterView(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        List<Cluster.ProviderView> all;
        try {
            all = views.views();
        } catch (StoreException e) {
            throw new ApiError(
                    503,
                    "store_unavailable",
                    "the other instances' views are in the store: " + e.getMessage(),
                    null,
                    null);
        }
        Map<String, List<Cluster.ProviderView>> byProvider = new LinkedHashMap<>();
        postern.providers().forEach(p -> byProvider.put(p.name(), new ArrayList<>()));
        Set<String> instances = new LinkedHashSet<>();
        for (Cluster.ProviderView v : all) {
            byProvider.computeIfAbsent(v.provider(), k -> new ArrayList<>()).add(v);
            instances.add(v.instance());
        }
        ObjectNode answer = Json.object();
        answer.put("self", node.id());
        answer.put("shared_store", node.shared());
        instances.forEach(answer.putArray("instances")::add);
        ArrayNode providers = answer.putArray("providers");
        byProvider.forEach((name, list) -> {
            ObjectNode p = providers.addObject();
            p.put("name", name);
            p.put(
                    "agree",
                    list.stream()
                                    .map(v -> v.state() + "/" + v.breaker())
                                    .distinct()
                                    .count()
                            <= 1);
            ArrayNode each = p.putArray("instances");
            for (Cluster.ProviderView v : list) {
                each.addObject()
                        .put("instance", v.instance())
                        .put("state", v.state())
                        .put("breaker", v.breaker())
                        .put("at", Json.instant(v.at()));
            }
        });
        Json.write(ctx, 200, answer);
    }

    void drain(Context ctx, boolean drain) {
        Authenticator.require(ctx, Scope.ADMIN);
        String name = ctx.pathParam("name");
        try {
            // through the cluster, so that every instance on a shared store drains it too
            node.drain(name, drain);
        } catch (StoreException e) {
            throw new ApiError(
                    503, "store_unavailable", "the drain could not be shared: " + e.getMessage(), null, null);
        } catch (PosternException e) {
            throw ApiError.notFound("no provider named '" + name + "'");
        }
        ProviderStatus status = postern.providers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
        Json.write(ctx, 200, toJson(status));
    }

    private ObjectNode toJson(ProviderStatus p) {
        ObjectNode node = Json.object();
        node.put("name", p.name());
        node.put("type", p.type());
        node.put("state", p.state().wireName());
        node.put("breaker", p.breaker().wireName());
        node.put("priority", p.priority());
        node.put("weight", p.weight());
        Optional<RateLimit> limit = rateLimits.getOrDefault(p.name(), Optional.empty());
        if (limit.isPresent()) {
            ObjectNode rate = node.putObject("rate_limit");
            limit.get().perSecond().ifPresent(v -> rate.put("per_second", v));
            limit.get().perDay().ifPresent(v -> rate.put("per_day", v));
        } else {
            node.putNull("rate_limit");
        }
        node.set("rate_limit_status", rateLimitStatus(p.rateLimit()));
        if (p.lastHealthCheck().isPresent()) {
            node.putObject("last_health_check")
                    .put("at", p.lastHealthCheck().get().at().toString())
                    .put("healthy", p.lastHealthCheck().get().healthy())
                    .put("detail", p.lastHealthCheck().get().detail());
        } else {
            node.putNull("last_health_check");
        }
        ProviderStats.Snapshot s = stats.snapshot(p.name());
        ObjectNode statsNode = node.putObject("stats");
        statsNode.put("attempts", s.attempts());
        ObjectNode outcomes = statsNode.putObject("outcomes");
        s.outcomes().forEach(outcomes::put);
        statsNode
                .putObject("latency_ms")
                .put("p50", s.p50Ms())
                .put("p95", s.p95Ms())
                .put("p99", s.p99Ms());
        DeliveryRates.Rates r = rates.of(p.name());
        node.put("bounce_rate", r.bounceRate());
        node.put("complaint_rate", r.complaintRate());
        node.putObject("rates")
                .put("window_seconds", r.window().toSeconds())
                .put("sent", r.sent())
                .put("hard_bounced", r.hardBounced())
                .put("complained", r.complained());
        return node;
    }

    /**
     * The provider's budget as Postern knows it: what the provider last reported while current,
     * else the configured limit, else unknown (every field present, null when not known).
     */
    private static ObjectNode rateLimitStatus(RateLimitStatus status) {
        ObjectNode node = Json.object();
        if (status.limit().isPresent()) {
            node.put("limit", status.limit().getAsLong());
        } else {
            node.putNull("limit");
        }
        if (status.remaining().isPresent()) {
            node.put("remaining", status.remaining().getAsLong());
        } else {
            node.putNull("remaining");
        }
        node.put("reset_at", Json.instant(status.resetAt()));
        node.put("source", status.source().wireName());
        return node;
    }
}
