package dev.postern.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.SentEvent;
import dev.postern.sim.events.SimEvents;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The control API's routes for a simulator's delivery-event webhooks (see {@link SimulatorHost}):
 *
 * <ul>
 *   <li>{@code GET /_sim/{name}/webhook} — {@code {"url", "keys": {…}}}, the keys a receiver verifies with;
 *       {@code PUT} with {@code {"url": "…"}} sets where events go; {@code DELETE} stops them
 *   <li>{@code GET /_sim/{name}/script} — scripted addresses; {@code PUT} with {@code {"a@b": "bounce"}}
 *       adds some ({@code deliver}, {@code bounce}, {@code soft_bounce}, {@code complain}); {@code DELETE}
 *       forgets them all
 *   <li>{@code GET /_sim/{name}/events} — every delivery attempt and the answer it got; {@code POST}
 *       with {@code {"message_id", "type", "recipient" (optional), "wrongly_signed" (optional)}} sends
 *       an event for an accepted message again (202 {@code {"queued": n}})
 * </ul>
 */
final class EventControl {
    static final Set<String> ACTIONS = Set.of("webhook", "script", "events");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Control bodies are small; anything longer is a mistake. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private EventControl() {}

    static void handle(HttpExchange exchange, Simulator simulator, String action, String method) throws IOException {
        Optional<SimEvents> found = simulator.webhooks();
        if (found.isEmpty()) {
            ControlServer.reply(
                    exchange,
                    404,
                    ControlServer.error("simulator type '" + simulator.type() + "' sends no event webhooks"));
            return;
        }
        SimEvents events = found.get();
        try {
            switch (action + " " + method) {
                case "webhook GET" -> ControlServer.reply(exchange, 200, webhook(events));
                case "webhook PUT", "webhook POST" -> {
                    events.target(URI.create(text(body(exchange), "url")));
                    ControlServer.reply(exchange, 200, webhook(events));
                }
                case "webhook DELETE" -> {
                    events.stop();
                    ControlServer.reply(exchange, 204, null);
                }
                case "script GET" -> ControlServer.reply(exchange, 200, script(events));
                case "script PUT", "script POST" -> {
                    JsonNode body = body(exchange);
                    for (Map.Entry<String, JsonNode> entry : body.properties()) {
                        events.script(
                                entry.getKey(), EventKind.parse(entry.getValue().asText()));
                    }
                    ControlServer.reply(exchange, 200, script(events));
                }
                case "script DELETE" -> {
                    events.clearScript();
                    ControlServer.reply(exchange, 204, null);
                }
                case "events GET" -> ControlServer.reply(exchange, 200, sent(events));
                case "events POST" -> {
                    JsonNode body = body(exchange);
                    int queued = events.resend(
                            text(body, "message_id"),
                            EventKind.parse(text(body, "type")),
                            body.hasNonNull("recipient") ? body.get("recipient").asText() : null,
                            body.path("wrongly_signed").asBoolean(false));
                    ControlServer.reply(exchange, 202, JSON.createObjectNode().put("queued", queued));
                }
                default ->
                    ControlServer.reply(exchange, 405, ControlServer.error(method + " is not allowed on " + action));
            }
        } catch (IllegalArgumentException e) {
            ControlServer.reply(exchange, 400, ControlServer.error(e.getMessage()));
        }
    }

    private static ObjectNode webhook(SimEvents events) {
        ObjectNode node = JSON.createObjectNode();
        // the URL may hold Basic-auth credentials: show it as set, it is the caller's own
        node.put("url", events.target().map(URI::toString).orElse(null));
        ObjectNode keys = node.putObject("keys");
        events.keys().forEach(keys::put);
        return node;
    }

    private static ArrayNode sent(SimEvents events) {
        ArrayNode list = JSON.createArrayNode();
        for (SentEvent s : events.sent()) {
            list.addObject()
                    .put("what", s.what())
                    .put("recipient", s.recipient())
                    .put("message_id", s.messageId())
                    .put("target", s.target())
                    .put("attempt", s.attempt())
                    .put("status", s.status())
                    .put("error", s.error())
                    .put("forged", s.forged())
                    .put("at", s.at().toString());
        }
        return list;
    }

    private static ObjectNode script(SimEvents events) {
        ObjectNode node = JSON.createObjectNode();
        events.script().forEach((address, kind) -> node.put(address, kind.scriptName()));
        return node;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a control request body is at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText();
    }
}
