package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.StoreException;
import dev.postern.server.auth.Scope;
import dev.postern.server.cluster.ClusterNode;
import io.javalin.http.Context;

/**
 * {@code GET /v1/cluster} (admin): the live gateway instances on this store, from their heartbeats,
 * and which one answered. With SQLite the list is this instance alone.
 */
final class ClusterRoutes {
    private final ClusterNode node;

    ClusterRoutes(ClusterNode node) {
        this.node = node;
    }

    void list(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        ObjectNode answer = Json.object();
        answer.put("self", node.id());
        answer.put("shared_store", node.shared());
        answer.put("live_after_silence_ms", node.deadAfter().toMillis());
        ArrayNode instances = answer.putArray("instances");
        try {
            for (Cluster.Instance i : node.instances()) {
                instances
                        .addObject()
                        .put("id", i.id())
                        .put("host", i.host())
                        .put("version", i.version())
                        .put("started_at", Json.instant(i.startedAt()))
                        .put("heartbeat_at", Json.instant(i.heartbeatAt()));
            }
        } catch (StoreException e) {
            throw new ApiError(
                    503, "store_unavailable", "the instance list is in the store: " + e.getMessage(), null, null);
        }
        Json.write(ctx, 200, answer);
    }
}
