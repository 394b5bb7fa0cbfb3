package dev.postern.sim.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.ReceivedMessage.ReceivedAttachment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an accepted Postmark request body into a {@link ReceivedMessage}. */
final class PostmarkMessages {
    private PostmarkMessages() {}

    static ReceivedMessage received(String id, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode header : body.path("Headers")) {
            headers.put(header.path("Name").asText(), header.path("Value").asText());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        body.path("Metadata")
                .properties()
                .forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        List<ReceivedAttachment> attachments = new ArrayList<>();
        for (JsonNode a : body.path("Attachments")) {
            attachments.add(new ReceivedAttachment(
                    a.path("Name").asText(),
                    a.path("ContentType").asText("application/octet-stream"),
                    Base64.getDecoder().decode(a.path("Content").asText())));
        }
        return new ReceivedMessage(
                id,
                body.path("From").asText(),
                split(body.path("To").asText("")),
                split(body.path("Cc").asText("")),
                split(body.path("Bcc").asText("")),
                body.path("Subject").asText(""),
                text(body, "TextBody"),
                text(body, "HtmlBody"),
                headers,
                metadata,
                body.hasNonNull("Tag") ? List.of(body.get("Tag").asText()) : List.of(),
                attachments);
    }

    /** A comma-separated address list, split at commas outside quotes and angle brackets; blanks dropped. */
    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean bracketed = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\\' && quoted && i + 1 < list.length()) {
                current.append(c).append(list.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                bracketed = true;
            } else if (!quoted && c == '>') {
                bracketed = false;
            } else if (!quoted && !bracketed && c == ',') {
                add(out, current);
                continue;
            }
            current.append(c);
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        current.setLength(0);
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }
}
