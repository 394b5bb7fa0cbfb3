package dev.postern.sim.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a {@code POST /email} body by hand, as Postmark's documentation describes it (the stored
 * Swagger copy is stale and marks nothing required). Types first (ErrorCode 403, "incompatible
 * JSON"), then content (ErrorCode 300, "invalid email request"; 411 for a forbidden attachment type).
 * Unlike the real API, which may ignore them, unknown fields are refused: a misspelt field name in
 * an adapter must fail a test rather than vanish.
 */
final class PostmarkSendCheck {
    /** What Postmark would answer: its ErrorCode and Message. */
    record Problem(int errorCode, String message) {}

    private static final int MAX_RECIPIENTS_PER_FIELD = 50;
    private static final int MAX_TAG_LENGTH = 1000;
    private static final Set<String> TRACK_LINKS = Set.of("None", "HtmlAndText", "HtmlOnly", "TextOnly");

    /** Postmark's documented field types; {@code Headers}, {@code Attachments} and {@code Metadata} checked below. */
    private static final Map<String, Predicate<JsonNode>> FIELDS = Map.ofEntries(
            Map.entry("From", JsonNode::isTextual),
            Map.entry("To", JsonNode::isTextual),
            Map.entry("Cc", JsonNode::isTextual),
            Map.entry("Bcc", JsonNode::isTextual),
            Map.entry("ReplyTo", JsonNode::isTextual),
            Map.entry("Subject", JsonNode::isTextual),
            Map.entry("TextBody", JsonNode::isTextual),
            Map.entry("HtmlBody", JsonNode::isTextual),
            Map.entry("Tag", JsonNode::isTextual),
            Map.entry("MessageStream", JsonNode::isTextual),
            Map.entry("TrackOpens", JsonNode::isBoolean),
            Map.entry("TrackLinks", JsonNode::isTextual),
            Map.entry("Headers", n -> n.isArray() && all(n, h -> strings(h, "Name", "Value"))),
            Map.entry(
                    "Attachments",
                    n -> n.isArray() && all(n, a -> strings(a, "Name", "Content", "ContentType", "ContentID"))),
            Map.entry("Metadata", n -> n.isObject() && all(n, JsonNode::isTextual)));

    /** Attachment types Postmark refuses (a selection of its documented list). */
    private static final Set<String> FORBIDDEN_EXTENSIONS =
            Set.of("exe", "bat", "cmd", "com", "vbs", "js", "jar", "msi", "scr", "pif", "cpl", "dll");

    private PostmarkSendCheck() {}

    static Optional<Problem> problem(JsonNode body) {
        if (!body.isObject()) {
            return incompatible("the body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            Predicate<JsonNode> type = FIELDS.get(field.getKey());
            if (type == null) {
                return incompatible("unknown field '" + field.getKey() + "'");
            }
            if (!field.getValue().isNull() && !type.test(field.getValue())) {
                return incompatible("field '" + field.getKey() + "' has the wrong type");
            }
        }
        return content(body);
    }

    private static Optional<Problem> content(JsonNode body) {
        String from = body.path("From").asText("");
        if (from.isBlank() || PostmarkMessages.split(from).size() != 1 || !mailbox(from)) {
            return invalid("Invalid 'From' address: '" + from + "'.");
        }
        if (body.path("To").asText("").isBlank()) {
            return invalid("Zero recipients specified");
        }
        for (String field : List.of("To", "Cc", "Bcc", "ReplyTo")) {
            List<String> addresses = PostmarkMessages.split(body.path(field).asText(""));
            for (String address : addresses) {
                if (!mailbox(address)) {
                    return invalid("Error parsing '" + field + "': Illegal email address '" + address
                            + "'. It must contain the '@' symbol.");
                }
            }
            if (addresses.size() > MAX_RECIPIENTS_PER_FIELD) {
                return invalid(
                        "Too many recipients in '" + field + "': the maximum is " + MAX_RECIPIENTS_PER_FIELD + ".");
            }
        }
        if (body.path("TextBody").asText("").isEmpty()
                && body.path("HtmlBody").asText("").isEmpty()) {
            return invalid("Provide either email TextBody or HtmlBody or both.");
        }
        if (body.path("Tag").asText("").length() > MAX_TAG_LENGTH) {
            return invalid("Tag must be at most " + MAX_TAG_LENGTH + " characters.");
        }
        if (body.hasNonNull("TrackLinks")
                && !TRACK_LINKS.contains(body.get("TrackLinks").asText())) {
            return invalid(
                    "Invalid 'TrackLinks' value: '" + body.get("TrackLinks").asText() + "'.");
        }
        return attachments(body.path("Attachments"));
    }

    private static Optional<Problem> attachments(JsonNode attachments) {
        for (JsonNode a : attachments) {
            String name = a.path("Name").asText("");
            if (name.isBlank() || !a.hasNonNull("Content")) {
                return invalid("Attachments need a Name and a Content.");
            }
            try {
                Base64.getDecoder().decode(a.get("Content").asText());
            } catch (IllegalArgumentException e) {
                return invalid("Invalid attachment content - illegal base64 string in '" + name + "'.");
            }
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (name.contains(".") && FORBIDDEN_EXTENSIONS.contains(extension)) {
                return Optional.of(new Problem(411, "Forbidden attachment type: '" + name + "'."));
            }
        }
        return Optional.empty();
    }

    private static boolean mailbox(String text) {
        try {
            Address.parse(text);
            return true;
        } catch (InvalidEmailException e) {
            return false;
        }
    }

    private static boolean all(JsonNode container, Predicate<JsonNode> test) {
        for (JsonNode item : container) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }

    /** An object whose listed fields, where present, are strings, and which has no other fields. */
    private static boolean strings(JsonNode node, String... fields) {
        if (!node.isObject()) {
            return false;
        }
        List<String> allowed = List.of(fields);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!allowed.contains(field.getKey()) || !field.getValue().isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Problem> incompatible(String why) {
        return Optional.of(new Problem(
                403,
                "Incompatible JSON: the JSON data you provided is syntactically correct but still incompatible: "
                        + why));
    }

    private static Optional<Problem> invalid(String message) {
        return Optional.of(new Problem(300, message));
    }
}
