package dev.postern.sim.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.ReceivedMessage.ReceivedAttachment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a validated mail send body into a {@link ReceivedMessage}. */
final class SendGridMessages {
    private SendGridMessages() {}

    static ReceivedMessage parse(String id, JsonNode body) {
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        // top-level custom_args is a string in the spec, an object in practice: take it when it is one
        strings(body.path("custom_args"), metadata);
        strings(body.path("headers"), headers);
        String subject = body.path("subject").asText(null);
        for (JsonNode p : body.path("personalizations")) {
            p.path("to").forEach(a -> to.add(mailbox(a)));
            p.path("cc").forEach(a -> cc.add(mailbox(a)));
            p.path("bcc").forEach(a -> bcc.add(mailbox(a)));
            strings(p.path("headers"), headers);
            strings(p.path("custom_args"), metadata);
            subject = p.path("subject").asText(subject);
        }
        List<String> tags = new ArrayList<>();
        body.path("categories").forEach(c -> tags.add(c.asText()));
        List<ReceivedAttachment> attachments = new ArrayList<>();
        for (JsonNode a : body.path("attachments")) {
            attachments.add(new ReceivedAttachment(
                    a.path("filename").asText(),
                    a.path("type").asText("application/octet-stream"),
                    Base64.getDecoder().decode(a.path("content").asText())));
        }
        return new ReceivedMessage(
                id,
                mailbox(body.path("from")),
                to,
                cc,
                bcc,
                subject,
                content(body, "text/plain"),
                content(body, "text/html"),
                headers,
                metadata,
                tags,
                attachments);
    }

    private static String content(JsonNode body, String type) {
        for (JsonNode c : body.path("content")) {
            if (c.path("type").asText().equalsIgnoreCase(type)) {
                return c.path("value").asText();
            }
        }
        return null;
    }

    private static String mailbox(JsonNode address) {
        String email = address.path("email").asText();
        String name = address.path("name").asText("");
        return name.isEmpty() ? email : name + " <" + email + ">";
    }

    private static void strings(JsonNode object, Map<String, String> into) {
        if (object.isObject()) {
            object.properties().forEach(e -> into.put(e.getKey(), e.getValue().asText()));
        }
    }
}
