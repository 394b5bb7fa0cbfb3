package dev.postern.sim.emailr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@code POST /v1/emails/send} body by hand against emailr's {@code SendEmailRequest}
 * schema: {@code to} required (an address or an array of them), {@code from}, {@code
 * reply_to_email} and every {@code to} a bare address ({@code format: email}), {@code subject}
 * at least one character, {@code tags} a string map, attachments with {@code filename} and Base64
 * {@code content}. Without a {@code template_id}, {@code from}, {@code subject} and a body are
 * required. Unknown fields (such as {@code cc}, {@code bcc}, {@code headers}) are refused: stricter
 * than a schema without {@code additionalProperties: false}, so that an adapter sending what emailr
 * would silently drop fails a test. Each problem is one zod-style issue {@code {path, message}}.
 */
final class EmailrSendCheck {
    private static final Set<String> FIELDS = Set.of(
            "from",
            "to",
            "subject",
            "html",
            "text",
            "template_id",
            "template_data",
            "tags",
            "attachments",
            "replyTo",
            "reply_to_email",
            "preview_text");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("filename", "content", "contentType");

    private EmailrSendCheck() {}

    static List<Map<String, Object>> issues(JsonNode body) {
        List<Map<String, Object>> issues = new ArrayList<>();
        if (!body.isObject()) {
            issues.add(issue("", "Expected object"));
            return issues;
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                issues.add(issue(name, "Unrecognized key: '" + name + "'"));
            }
        });
        recipients(body.get("to"), issues);
        boolean template = body.hasNonNull("template_id");
        email(body, "from", !template, issues);
        email(body, "reply_to_email", false, issues);
        JsonNode subject = body.get("subject");
        if (subject == null
                ? !template
                : !subject.isTextual() || subject.asText().isEmpty()) {
            issues.add(issue("subject", "String must contain at least 1 character(s)"));
        }
        for (String field : List.of("html", "text", "preview_text", "template_id")) {
            if (body.has(field) && !body.get(field).isTextual()) {
                issues.add(issue(field, "Expected string"));
            }
        }
        if (!template && !body.hasNonNull("html") && !body.hasNonNull("text")) {
            issues.add(issue("html", "Either html or text is required"));
        }
        JsonNode tags = body.get("tags");
        if (tags != null
                && (!tags.isObject()
                        || tags.properties().stream()
                                .anyMatch(e -> !e.getValue().isTextual()))) {
            issues.add(issue("tags", "Expected a record of strings"));
        }
        attachments(body.get("attachments"), issues);
        return issues;
    }

    private static void recipients(JsonNode to, List<Map<String, Object>> issues) {
        if (to == null || to.isNull()) {
            issues.add(issue("to", "Required"));
        } else if (to.isArray() ? to.isEmpty() : !to.isTextual()) {
            issues.add(issue("to", "Expected an email address or a non-empty array of them"));
        } else {
            for (String address : EmailrMessages.addresses(to)) {
                if (!bareAddress(address)) {
                    issues.add(issue("to", "Invalid email: '" + address + "'"));
                }
            }
        }
    }

    private static void email(JsonNode body, String field, boolean required, List<Map<String, Object>> issues) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                issues.add(issue(field, "Required"));
            }
        } else if (!value.isTextual() || !bareAddress(value.asText())) {
            issues.add(issue(field, "Invalid email"));
        }
    }

    private static void attachments(JsonNode attachments, List<Map<String, Object>> issues) {
        if (attachments == null) {
            return;
        }
        if (!attachments.isArray()) {
            issues.add(issue("attachments", "Expected array"));
            return;
        }
        for (JsonNode a : attachments) {
            boolean known =
                    a.isObject() && a.properties().stream().allMatch(e -> ATTACHMENT_FIELDS.contains(e.getKey()));
            if (!known
                    || a.path("filename").asText("").isEmpty()
                    || !a.path("content").isTextual()
                    || !base64(a.path("content").asText())) {
                issues.add(issue("attachments", "Each attachment needs a filename and Base64 content"));
            }
        }
    }

    /** An address alone, without a display name or angle brackets. */
    private static boolean bareAddress(String text) {
        try {
            Address address = Address.parse(text);
            return address.name() == null && !text.contains("<");
        } catch (InvalidEmailException e) {
            return false;
        }
    }

    private static boolean base64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Object> issue(String path, String message) {
        return Map.of("path", path.isEmpty() ? List.of() : List.of(path), "message", message);
    }
}
