package dev.postern.sim.emailr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.ReceivedMessage.ReceivedAttachment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an accepted emailr request body into a {@link ReceivedMessage}; its {@code tags} map is the metadata. */
final class EmailrMessages {
    private EmailrMessages() {}

    static ReceivedMessage received(String id, JsonNode body) {
        Map<String, String> metadata = new LinkedHashMap<>();
        body.path("tags")
                .properties()
                .forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        List<ReceivedAttachment> attachments = new ArrayList<>();
        for (JsonNode a : body.path("attachments")) {
            attachments.add(new ReceivedAttachment(
                    a.path("filename").asText(),
                    a.path("contentType").asText("application/octet-stream"),
                    Base64.getDecoder().decode(a.path("content").asText())));
        }
        return new ReceivedMessage(
                id,
                body.path("from").asText(),
                addresses(body.get("to")),
                List.of(),
                List.of(),
                body.path("subject").asText(""),
                text(body, "text"),
                text(body, "html"),
                Map.of(),
                metadata,
                List.copyOf(metadata.keySet()),
                attachments);
    }

    /** {@code to} as a list: emailr takes one address or an array. */
    static List<String> addresses(JsonNode to) {
        List<String> out = new ArrayList<>();
        if (to != null && to.isArray()) {
            to.forEach(a -> out.add(a.asText()));
        } else if (to != null && to.isTextual()) {
            out.add(to.asText());
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }
}
