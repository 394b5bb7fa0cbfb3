package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.EventStore;
import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.server.auth.Scope;
import dev.postern.server.events.EventJson;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /v1/events} (recent, newest first) and {@code GET /v1/events/stream} (server-sent
 * events): the gateway's own events and, from the store, providers' delivery events (docs/events.md).
 */
final class EventRoutes {
    private final EventLog log;
    private final EventStore store;

    EventRoutes(EventLog log, EventStore store) {
        this.log = log;
        this.store = store;
    }

    void recent(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        int limit = limit(ctx.queryParam("limit"));
        List<ObjectNode> merged = new ArrayList<>();
        log.recent(filter(ctx), limit).forEach(e -> merged.add(EventLog.toJson(e)));
        deliveryEvents(ctx, limit).forEach(e -> merged.add(EventJson.toJson(e)));
        // both kinds newest first, by when they happened; ISO-8601 UTC strings sort as instants
        merged.sort(
                Comparator.comparing((ObjectNode n) -> Instant.parse(n.get("at").asText()))
                        .reversed());
        ObjectNode answer = Json.object();
        ArrayNode events = answer.putArray("events");
        merged.stream().limit(limit).forEach(events::add);
        Json.write(ctx, 200, answer);
    }

    /** The stored delivery events the query's {@code type} and {@code provider} ask for. */
    private List<StoredEvent> deliveryEvents(Context ctx, int limit) {
        Set<String> types = values(ctx.queryParam("type"));
        Set<DeliveryEventType> wanted = EnumSet.noneOf(DeliveryEventType.class);
        for (DeliveryEventType t : DeliveryEventType.values()) {
            if (types.isEmpty() || types.contains(t.wireName())) {
                wanted.add(t);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<String> providers = values(ctx.queryParam("provider"));
        try {
            return store.recentEvents(wanted, limit).stream()
                    .filter(e -> providers.isEmpty() || providers.contains(e.provider()))
                    .toList();
        } catch (StoreException e) {
            throw new ApiError(503, "store_unavailable", "cannot read delivery events now; retry", null, null);
        }
    }

    private static Set<String> values(String list) {
        return list == null || list.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
    }

    void stream(SseClient client) {
        Context ctx = client.ctx();
        Set<String> types = values(ctx.queryParam("type"));
        Set<String> providers = values(ctx.queryParam("provider"));
        // its writer greets the client, then sends events
        log.subscribe(
                client,
                e -> (types.isEmpty() || types.contains(e.type()))
                        && (providers.isEmpty()
                                || e.provider().filter(providers::contains).isPresent()));
        client.keepAlive();
    }

    /**
     * {@code ?type=failover,breaker_opened&provider=sendgrid}: comma-separated, any of each; a value
     * given twice counts once.
     */
    static Predicate<PosternEvent> filter(Context ctx) {
        String types = ctx.queryParam("type");
        String providers = ctx.queryParam("provider");
        Predicate<PosternEvent> filter = e -> true;
        if (types != null && !types.isBlank()) {
            Set<String> wanted = Set.copyOf(Arrays.asList(types.split(",")));
            filter = filter.and(e -> wanted.contains(e.type()));
        }
        if (providers != null && !providers.isBlank()) {
            Set<String> wanted = Set.copyOf(Arrays.asList(providers.split(",")));
            filter = filter.and(e -> e.provider().filter(wanted::contains).isPresent());
        }
        return filter;
    }

    private static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= EventLog.CAPACITY) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidField("limit", "limit must be a number in 1.." + EventLog.CAPACITY);
    }
}
