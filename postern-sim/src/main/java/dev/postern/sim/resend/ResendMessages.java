package dev.postern.sim.resend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.ReceivedMessage.ReceivedAttachment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an accepted Resend request body into a {@link ReceivedMessage}. */
final class ResendMessages {
    private ResendMessages() {}

    /**
     * The message in {@code body}, already checked. Resend's {@code tags} are its metadata field:
     * each tag becomes a metadata entry, and the tag names are the message's tags.
     */
    static ReceivedMessage received(String id, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        body.path("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        Map<String, String> metadata = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : body.path("tags")) {
            metadata.put(tag.path("name").asText(), tag.path("value").asText());
            tags.add(tag.path("name").asText());
        }
        List<ReceivedAttachment> attachments = new ArrayList<>();
        for (JsonNode a : body.path("attachments")) {
            attachments.add(new ReceivedAttachment(
                    a.path("filename").asText(),
                    a.path("content_type").asText("application/octet-stream"),
                    Base64.getDecoder().decode(a.path("content").asText())));
        }
        return new ReceivedMessage(
                id,
                body.path("from").asText(),
                addresses(body.get("to")),
                addresses(body.get("cc")),
                addresses(body.get("bcc")),
                body.path("subject").asText(),
                text(body, "text"),
                text(body, "html"),
                headers,
                metadata,
                tags,
                attachments);
    }

    /** A field that is a string or an array of strings, as a list; empty when absent. */
    static List<String> addresses(JsonNode field) {
        List<String> out = new ArrayList<>();
        if (field == null || field.isNull()) {
            return out;
        }
        if (field.isArray()) {
            field.forEach(a -> out.add(a.asText()));
        } else {
            out.add(field.asText());
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }
}
