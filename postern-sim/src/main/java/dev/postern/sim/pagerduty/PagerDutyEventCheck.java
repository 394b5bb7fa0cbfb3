package dev.postern.sim.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules PagerDuty's Events API v2 documents for an alert event: {@code routing_key} (32
 * characters) and {@code event_action} ({@code trigger}, {@code acknowledge}, {@code resolve}) are
 * required; {@code dedup_key} is at most 255 characters and required to acknowledge or resolve; a
 * trigger needs a {@code payload} with {@code summary} (at most 1024 characters), {@code source}
 * and {@code severity} ({@code critical}, {@code error}, {@code warning}, {@code info}); {@code
 * timestamp} is ISO 8601; {@code custom_details} an object; the whole event at most 512 KB.
 */
final class PagerDutyEventCheck {
    static final int ROUTING_KEY_LENGTH = 32;
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    static final int MAX_EVENT_BYTES = 512 * 1024;

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    /** ISO 8601 with or without a colon in the offset: {@code 2015-07-17T08:42:58.315+0000} is PagerDuty's own example. */
    private static final DateTimeFormatter ISO_8601 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private PagerDutyEventCheck() {}

    /** What is wrong with {@code event}, in PagerDuty's words; empty when it is valid. */
    static List<String> problems(JsonNode event, int bytes) {
        List<String> problems = new ArrayList<>();
        if (bytes > MAX_EVENT_BYTES) {
            problems.add("Event is larger than 512 KB");
            return problems;
        }
        if (!event.isObject()) {
            problems.add("Event object is not a JSON object");
            return problems;
        }
        String key = text(event, "routing_key");
        if (key == null) {
            problems.add("'routing_key' is missing or blank");
        } else if (key.length() != ROUTING_KEY_LENGTH) {
            problems.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        String action = text(event, "event_action");
        if (action == null || !ACTIONS.contains(action)) {
            problems.add("'event_action' is invalid (must be one of trigger, acknowledge, resolve)");
        }
        String dedupKey = text(event, "dedup_key");
        if (event.has("dedup_key") && !event.get("dedup_key").isTextual()) {
            problems.add("'dedup_key' must be a string");
        } else if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            problems.add("Length of 'dedup_key' is too long (maximum is 255 characters)");
        }
        if (("acknowledge".equals(action) || "resolve".equals(action)) && dedupKey == null) {
            problems.add("'dedup_key' is required for " + action + " events");
        }
        if ("trigger".equals(action)) {
            payload(event.get("payload"), problems);
        }
        return problems;
    }

    private static void payload(JsonNode payload, List<String> problems) {
        if (payload == null || !payload.isObject()) {
            problems.add("'payload' is missing or not an object");
            return;
        }
        String summary = text(payload, "summary");
        if (summary == null) {
            problems.add("'payload.summary' is missing or blank");
        } else if (summary.length() > MAX_SUMMARY) {
            problems.add("Length of 'payload.summary' is too long (maximum is 1024 characters)");
        }
        if (text(payload, "source") == null) {
            problems.add("'payload.source' is missing or blank");
        }
        String severity = text(payload, "severity");
        if (severity == null || !SEVERITIES.contains(severity)) {
            problems.add("'payload.severity' is invalid (must be one of critical, error, warning, info)");
        }
        String timestamp = text(payload, "timestamp");
        if (timestamp != null) {
            try {
                OffsetDateTime.parse(timestamp, ISO_8601);
            } catch (DateTimeParseException e) {
                problems.add("'payload.timestamp' is not an ISO 8601 timestamp");
            }
        }
        for (String field : List.of("component", "group", "class")) {
            if (payload.has(field) && !payload.get(field).isTextual()) {
                problems.add("'payload." + field + "' must be a string");
            }
        }
        if (payload.has("custom_details") && !payload.get("custom_details").isObject()) {
            problems.add("'payload.custom_details' must be an object");
        }
    }

    /** A non-blank string field, else null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
