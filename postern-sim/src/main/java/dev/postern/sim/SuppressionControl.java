package dev.postern.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /_sim/{name}/suppressions}: {@code POST} seeds the simulator's own list with {@code
 * [{"address", "kind": "bounce"|"complaint", "detail"?, "created_at"?}]}, {@code GET} shows it,
 * {@code DELETE} empties it. 404 for a simulator whose provider offers no list.
 */
final class SuppressionControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 8 * 1024 * 1024;

    private SuppressionControl() {}

    static void handle(HttpExchange exchange, Simulator simulator) throws IOException {
        if (simulator.suppressions().isEmpty()) {
            reply(
                    exchange,
                    404,
                    JSON.createObjectNode().put("error", simulator.type() + " offers no suppression list"));
            return;
        }
        SeededSuppressions list = simulator.suppressions().get();
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                ArrayNode all = JSON.createArrayNode();
                list.all()
                        .forEach(e -> all.addObject()
                                .put("address", e.address())
                                .put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                                .put("detail", e.detail())
                                .put("created_at", e.created().toString()));
                reply(exchange, 200, all);
            }
            case "POST", "PUT" -> seed(exchange, list);
            case "DELETE" -> {
                list.clear();
                reply(exchange, 204, null);
            }
            default -> reply(exchange, 405, JSON.createObjectNode().put("error", "use GET, POST or DELETE"));
        }
    }

    private static void seed(HttpExchange exchange, SeededSuppressions list) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            reply(exchange, 413, JSON.createObjectNode().put("error", "at most " + MAX_BYTES + " bytes"));
            return;
        }
        try {
            List<SeededSuppressions.Entry> entries = new ArrayList<>();
            for (JsonNode node : JSON.readTree(body)) {
                String created = node.path("created_at").asText("");
                entries.add(new SeededSuppressions.Entry(
                        node.path("address").asText(),
                        SeededSuppressions.Kind.valueOf(
                                node.path("kind").asText("bounce").toUpperCase(Locale.ROOT)),
                        node.path("detail").asText(""),
                        created.isEmpty() ? Instant.now() : Instant.parse(created)));
            }
            list.add(entries);
            reply(exchange, 200, JSON.createObjectNode().put("added", entries.size()));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            reply(
                    exchange,
                    400,
                    JSON.createObjectNode()
                            .put(
                                    "error",
                                    "send [{\"address\", \"kind\": \"bounce\"|\"complaint\", \"detail\"?,"
                                            + " \"created_at\"?}]: " + e.getMessage()));
        }
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
