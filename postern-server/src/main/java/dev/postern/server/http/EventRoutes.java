package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.event.PosternEvent;
import dev.postern.server.auth.Scope;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /v1/events} (recent, newest first) and {@code GET /v1/events/stream} (server-sent events). */
final class EventRoutes {
    private final EventLog log;

    EventRoutes(EventLog log) {
        this.log = log;
    }

    void recent(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        int limit = limit(ctx.queryParam("limit"));
        ObjectNode answer = Json.object();
        ArrayNode events = answer.putArray("events");
        log.recent(filter(ctx), limit).forEach(e -> events.add(EventLog.toJson(e)));
        Json.write(ctx, 200, answer);
    }

    void stream(SseClient client) {
        Context ctx = client.ctx();
        log.subscribe(client, filter(ctx)); // its writer greets the client, then sends events
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
