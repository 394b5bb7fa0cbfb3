package dev.postern.sim.opsgenie;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The limits Opsgenie's Alert API documents. Create: {@code message} required, at most 130
 * characters; {@code alias} and {@code entity} 512; {@code description} 15,000; {@code tags} at
 * most 20 of at most 50 characters; {@code details} a map of strings of at most 8,000 characters in
 * all; {@code actions} at most 10 of 50; {@code source} and {@code user} 100; {@code note} 25,000;
 * {@code priority} one of {@code P1}..{@code P5}. Close and add note: {@code user} and {@code
 * source} 100, {@code note} 25,000 (required to add a note). Problems are keyed by field, as
 * Opsgenie's 422 answers list them under {@code errors}.
 */
final class OpsgenieCheck {
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");

    private OpsgenieCheck() {}

    static Map<String, String> create(JsonNode body) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!body.isObject()) {
            problems.put("body", "must be a JSON object");
            return problems;
        }
        JsonNode message = body.get("message");
        if (message == null || !message.isTextual() || message.asText().isBlank()) {
            problems.put("message", "Message can not be empty.");
        } else {
            length(body, "message", 130, problems);
        }
        length(body, "alias", 512, problems);
        length(body, "description", 15_000, problems);
        length(body, "entity", 512, problems);
        length(body, "source", 100, problems);
        length(body, "user", 100, problems);
        length(body, "note", 25_000, problems);
        list(body, "tags", 20, 50, problems);
        list(body, "actions", 10, 50, problems);
        JsonNode priority = body.get("priority");
        if (priority != null && !PRIORITIES.contains(priority.asText())) {
            problems.put("priority", "should be one of [P1, P2, P3, P4, P5]");
        }
        JsonNode details = body.get("details");
        if (details != null) {
            if (!details.isObject()) {
                problems.put("details", "should be a map of strings");
            } else {
                int total = 0;
                for (var e : details.properties()) {
                    if (!e.getValue().isTextual()) {
                        problems.put("details", "values should be strings");
                    }
                    total += e.getKey().length() + e.getValue().asText().length();
                }
                if (total > 8_000) {
                    problems.put("details", "can be at most 8000 characters in total");
                }
            }
        }
        return problems;
    }

    /** Close (note optional) or add note (note required). */
    static Map<String, String> action(JsonNode body, boolean noteRequired) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!body.isObject()) {
            problems.put("body", "must be a JSON object");
            return problems;
        }
        if (noteRequired && (body.path("note").asText().isBlank())) {
            problems.put("note", "Note can not be empty.");
        }
        length(body, "note", 25_000, problems);
        length(body, "user", 100, problems);
        length(body, "source", 100, problems);
        return problems;
    }

    private static void length(JsonNode body, String field, int max, Map<String, String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isTextual()) {
            problems.put(field, "should be a string");
        } else if (v.asText().length() > max) {
            problems.put(field, "can be at most " + max + " characters");
        }
    }

    private static void list(JsonNode body, String field, int maxItems, int maxLength, Map<String, String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isArray()) {
            problems.put(field, "should be a list of strings");
            return;
        }
        if (v.size() > maxItems) {
            problems.put(field, "can hold at most " + maxItems + " items");
        }
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().length() > maxLength) {
                problems.put(field, "items should be strings of at most " + maxLength + " characters");
            }
        }
    }
}
