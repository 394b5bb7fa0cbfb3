package dev.postern.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.email.InvalidEmailException;
import dev.postern.email.Tracking;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the {@code POST /v1/messages} body strictly into an {@link Email}: unknown fields, wrong
 * types and broken base64 are 400s naming the field (the shape's JSON path, e.g. {@code to[1]},
 * {@code attachments[0].content_base64}); the email's own rules are checked by {@link Email}, whose
 * problems already carry these names. The stored form is written by the outbox's {@code EmailJson}
 * from the resulting {@code Email}, in this same shape.
 */
final class MessageReader {
    private static final List<String> FIELDS = List.of(
            "from",
            "to",
            "cc",
            "bcc",
            "reply_to",
            "subject",
            "text",
            "html",
            "headers",
            "attachments",
            "tags",
            "metadata",
            "tracking");

    private MessageReader() {}

    static Email read(JsonNode body) {
        object(body, "", "the message");
        only(body, "", Set.copyOf(FIELDS));
        Email.Builder email = Email.builder();
        JsonNode from = body.get("from");
        if (from != null && !from.isNull()) {
            address(from, "from", a -> email.from(a), s -> email.from(s));
        }
        addresses(body, "to", a -> email.to(a), s -> email.to(s));
        addresses(body, "cc", a -> email.cc(a), s -> email.cc(s));
        addresses(body, "bcc", a -> email.bcc(a), s -> email.bcc(s));
        addresses(body, "reply_to", a -> email.replyTo(a), s -> email.replyTo(s));
        email.subject(text(body, "subject")).text(text(body, "text")).html(text(body, "html"));
        strings(body, "headers").forEach(email::header);
        strings(body, "metadata").forEach(email::metadata);
        tags(body).forEach(email::tag);
        attachments(body).forEach(email::attachment);
        email.tracking(tracking(body.get("tracking")));
        try {
            return email.build();
        } catch (InvalidEmailException e) {
            throw new ApiError(400, "invalid_message", e.getMessage(), e.field(), null);
        }
    }

    private static void addresses(JsonNode body, String field, Consumer<Address> asAddress, Consumer<String> asText) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            // a single address is taken as a list of one
            address(value, field, asAddress, asText);
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            address(value.get(i), field + "[" + i + "]", asAddress, asText);
        }
    }

    /** {@code "Name <a@b>"} or {@code {"email", "name"}}. */
    private static void address(JsonNode value, String field, Consumer<Address> asAddress, Consumer<String> asText) {
        if (value.isTextual()) {
            asText.accept(value.asText());
            return;
        }
        if (!value.isObject()) {
            throw ApiError.invalidField(field, field + " must be a string \"Name <a@b>\" or an object {email, name}");
        }
        only(value, field + ".", Set.of("email", "name"));
        String email = text(value, field + ".", "email");
        if (email == null) {
            throw ApiError.invalidField(field + ".email", field + ".email is required");
        }
        try {
            asAddress.accept(new Address(email, text(value, field + ".", "name")));
        } catch (InvalidEmailException e) {
            throw new ApiError(
                    400,
                    "invalid_message",
                    field + ": " + e.problems().getFirst().message(),
                    field,
                    null);
        }
    }

    private static List<Attachment> attachments(JsonNode body) {
        JsonNode value = array(body, "attachments");
        List<Attachment> out = new java.util.ArrayList<>();
        for (int i = 0; value != null && i < value.size(); i++) {
            String field = "attachments[" + i + "]";
            JsonNode a = value.get(i);
            object(a, field, field);
            only(a, field + ".", Set.of("filename", "content_type", "content_base64", "content_id"));
            String base64 = text(a, field + ".", "content_base64");
            if (base64 == null) {
                throw ApiError.invalidField(field + ".content_base64", field + ".content_base64 is required");
            }
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(strictBase64(base64, field));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidField(field + ".content_base64", field + ".content_base64 is not valid base64");
            }
            try {
                out.add(new Attachment(
                        text(a, field + ".", "filename"),
                        text(a, field + ".", "content_type"),
                        content,
                        text(a, field + ".", "content_id")));
            } catch (InvalidEmailException e) {
                String inner = field + "." + e.field();
                throw new ApiError(
                        400,
                        "invalid_message",
                        inner + ": " + e.problems().getFirst().message(),
                        inner,
                        null);
            }
        }
        return out;
    }

    /** Base64 with line breaks allowed (as mail tools wrap it), and nothing else outside the alphabet. */
    private static String strictBase64(String text, String field) {
        String compact = text.replaceAll("[\\r\\n]", "");
        if (!compact.matches("[A-Za-z0-9+/]*={0,2}") || compact.length() % 4 != 0) {
            throw ApiError.invalidField(field + ".content_base64", field + ".content_base64 is not valid base64");
        }
        return compact;
    }

    private static List<String> tags(JsonNode body) {
        JsonNode value = array(body, "tags");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; value != null && i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw ApiError.invalidField("tags[" + i + "]", "tags[" + i + "] must be a string");
            }
            out.add(value.get(i).asText());
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return out;
        }
        object(value, field, field);
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                String path = field + "." + e.getKey();
                throw ApiError.invalidField(path, path + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Tracking tracking(JsonNode value) {
        if (value == null || value.isNull()) {
            return Tracking.OFF;
        }
        object(value, "tracking", "tracking");
        only(value, "tracking.", Set.of("opens", "clicks"));
        return new Tracking(bool(value, "opens"), bool(value, "clicks"));
    }

    private static boolean bool(JsonNode tracking, String key) {
        JsonNode v = tracking.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiError.invalidField("tracking." + key, "tracking." + key + " must be true or false");
        }
        return v.asBoolean();
    }

    private static String text(JsonNode node, String field) {
        return text(node, "", field);
    }

    private static String text(JsonNode node, String prefix, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.invalidField(prefix + field, prefix + field + " must be a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiError.invalidField(field, field + " must be a list");
        }
        return v;
    }

    private static void object(JsonNode value, String field, String what) {
        if (!value.isObject()) {
            throw ApiError.invalidField(field.isEmpty() ? null : field, what + " must be a JSON object");
        }
    }

    private static void only(JsonNode object, String prefix, Set<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw ApiError.invalidField(prefix + name, "unknown field '" + prefix + name + "'");
            }
        }
    }
}
