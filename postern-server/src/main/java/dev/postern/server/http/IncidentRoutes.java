package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.Postern;
import dev.postern.alert.IncidentView;
import dev.postern.server.auth.Scope;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.TreeMap;

/**
 * {@code GET /v1/incidents} (admin): the incidents this instance's alerts are about, open ones
 * first (oldest first), then the last 100 resolved ones (newest first); {@code ?state=open} or
 * {@code ?state=resolved} keeps one kind. Each is {@code {"id", "state": "open"|"resolved",
 * "provider", "condition", "opened_at", "resolved_at", "signals", "counts", "last_answer"}}.
 */
final class IncidentRoutes {
    private final Postern postern;

    IncidentRoutes(Postern postern) {
        this.postern = postern;
    }

    void list(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        String wanted = ctx.queryParam("state");
        if (wanted != null && !wanted.equals("open") && !wanted.equals("resolved")) {
            throw ApiError.invalidField("state", "state must be open or resolved");
        }
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("incidents");
        for (IncidentView incident : postern.incidents()) {
            String state = state(incident);
            if (wanted == null || wanted.equals(state)) {
                list.add(toJson(incident, state));
            }
        }
        Json.write(ctx, 200, answer);
    }

    private static String state(IncidentView incident) {
        return incident.state() == IncidentView.State.RESOLVED ? "resolved" : "open";
    }

    static ObjectNode toJson(IncidentView incident, String state) {
        ObjectNode node = Json.object();
        node.put("id", incident.id());
        node.put("state", state);
        node.put("provider", incident.provider().orElse(null));
        node.put("condition", incident.condition());
        node.put("opened_at", incident.openedAt().toString());
        node.put("resolved_at", incident.resolvedAt().map(Instant::toString).orElse(null));
        ArrayNode signals = node.putArray("signals");
        incident.signals().forEach(signals::add);
        ObjectNode counts = node.putObject("counts");
        new TreeMap<>(incident.counts()).forEach(counts::put);
        node.put("last_answer", incident.lastAnswer().orElse(null));
        return node;
    }
}
