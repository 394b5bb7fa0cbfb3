package dev.postern.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.server.auth.Scope;
import dev.postern.server.config.Durations;
import dev.postern.server.drill.Drill;
import dev.postern.server.drill.DrillJson;
import dev.postern.server.drill.DrillRequest;
import dev.postern.server.drill.DrillStart;
import dev.postern.server.drill.DrillStatus;
import dev.postern.server.drill.Drills;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code POST /v1/drills}, {@code GET /v1/drills[/{id}]} and {@code POST /v1/drills/{id}/abort},
 * admin scope: the API's face of {@link Drills}. A refused drill is a 409 whose message says why.
 */
final class DrillRoutes {
    private final Drills drills;

    DrillRoutes(Drills drills) {
        this.drills = drills;
    }

    void start(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        JsonNode body = Json.parse(ctx.bodyAsBytes());
        if (!body.isObject()) {
            throw ApiError.badRequest(
                    "invalid_json", null, "send a JSON object: {\"provider\", \"duration\", \"probes\"}");
        }
        JsonNode provider = body.path("provider");
        if (!provider.isTextual() || provider.asText().isBlank()) {
            throw ApiError.invalidField("provider", "provider is required: the name of the provider to take out");
        }
        Duration duration = drills.defaultDuration();
        JsonNode d = body.path("duration");
        if (!d.isMissingNode() && !d.isNull()) {
            try {
                duration = Durations.parse(d.asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidField("duration", "duration must be like 30s, 5m or 1h, but was " + d);
            }
        }
        JsonNode p = body.path("probes");
        if (!p.isMissingNode() && !p.isNull() && !p.canConvertToInt()) {
            throw ApiError.invalidField("probes", "probes must be a whole number, but was " + p);
        }
        DrillRequest request;
        try {
            request = new DrillRequest(provider.asText(), duration, p.isMissingNode() || p.isNull() ? 0 : p.asInt());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("probes") ? "probes" : "duration";
            throw ApiError.invalidField(field, e.getMessage());
        }
        switch (drills.start(request)) {
            case DrillStart.Started started -> {
                ObjectNode answer = Json.object();
                answer.put("id", started.drill().id());
                answer.put("status", started.drill().status().wireName());
                answer.put("provider", started.drill().provider());
                answer.put("started_at", started.drill().startedAt().toString());
                Json.write(ctx, 202, answer);
            }
            case DrillStart.Conflict conflict ->
                throw new ApiError(409, "drill_refused", conflict.reason(), "provider", null);
            case DrillStart.Invalid invalid -> throw ApiError.invalidField(invalid.field(), invalid.reason());
        }
    }

    void list(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("drills");
        for (Drill drill : drills.recent()) {
            ObjectNode node = DrillJson.of(drill);
            if (node.get("report").isObject()) {
                ObjectNode report = (ObjectNode) node.get("report");
                report.remove("traffic"); // the list stays small; GET /v1/drills/{id} has the series
            }
            list.add(node);
        }
        Json.write(ctx, 200, answer);
    }

    void find(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        String id = ctx.pathParam("id");
        Json.write(
                ctx,
                200,
                drills.json(id).orElseThrow(() -> ApiError.notFound("no drill '" + id + "' in this gateway")));
    }

    void abort(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        Drill drill = drill(ctx.pathParam("id"));
        if (drill.status() != DrillStatus.RUNNING) {
            throw new ApiError(
                    409,
                    "drill_ended",
                    "drill " + drill.id() + " already ended: " + drill.status().wireName(),
                    null,
                    null);
        }
        Drill aborted = drills.abort(drill.id()).orElseGet(() -> drill(drill.id()));
        Json.write(ctx, 200, DrillJson.of(aborted));
    }

    private Drill drill(String id) {
        return drills.find(id).orElseThrow(() -> ApiError.notFound("no drill '" + id + "' in this gateway"));
    }
}
