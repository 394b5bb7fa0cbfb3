package dev.postern.outbox.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores an {@link Email} as JSON in the shape of the HTTP API's {@code POST /v1/messages} body
 * (addresses as mailbox strings, attachments as base64), so a stored payload reads like what the
 * client sent. Reading validates the message again, as any {@code Email} construction does.
 */
public final class EmailJson {
    /**
     * Reads strings of any length. Jackson refuses strings over 20,000,000 characters by default,
     * less than the base64 of an attachment or the text of a 25 MiB message; a stored payload was
     * written here from an {@code Email} that passed its size limit, so it is not hostile input.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .build();

    private EmailJson() {}

    public static byte[] write(Email email) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", email.from().toString());
        addresses(root, "to", email.to());
        addresses(root, "cc", email.cc());
        addresses(root, "bcc", email.bcc());
        addresses(root, "reply_to", email.replyTo());
        root.put("subject", email.subject());
        root.put("text", email.text());
        root.put("html", email.html());
        root.set("headers", JSON.valueToTree(email.headers()));
        ArrayNode attachments = root.putArray("attachments");
        for (Attachment a : email.attachments()) {
            ObjectNode node = attachments.addObject();
            node.put("filename", a.filename());
            node.put("content_type", a.contentType());
            node.put("content_base64", Base64.getEncoder().encodeToString(a.content()));
            node.put("content_id", a.contentId());
        }
        root.set("tags", JSON.valueToTree(email.tags()));
        root.set("metadata", JSON.valueToTree(email.metadata()));
        root.putObject("tracking")
                .put("opens", email.tracking().opens())
                .put("clicks", email.tracking().clicks());
        return bytes(root);
    }

    public static Email read(byte[] json) {
        JsonNode root = tree(json);
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : root.path("attachments")) {
            attachments.add(new Attachment(
                    a.path("filename").asText(),
                    a.path("content_type").asText(),
                    Base64.getDecoder().decode(a.path("content_base64").asText()),
                    text(a, "content_id")));
        }
        return new Email(
                Address.parse(root.path("from").asText()),
                addresses(root.path("to")),
                addresses(root.path("cc")),
                addresses(root.path("bcc")),
                addresses(root.path("reply_to")),
                text(root, "subject"),
                text(root, "text"),
                text(root, "html"),
                map(root.path("headers")),
                attachments,
                strings(root.path("tags")),
                map(root.path("metadata")),
                new Tracking(
                        root.path("tracking").path("opens").asBoolean(),
                        root.path("tracking").path("clicks").asBoolean()));
    }

    /**
     * Whether a stored message names {@code address} (compared without case) as a recipient: in
     * the envelope's {@code RCPT TO} for a raw message, else in its to, cc or bcc.
     */
    public static boolean addressedTo(byte[] email, String envelope, String address) {
        if (envelope != null) {
            for (JsonNode rcpt : tree(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .path("rcpt_to")) {
                if (rcpt.asText().equalsIgnoreCase(address)) {
                    return true;
                }
            }
            return false;
        }
        if (email == null) {
            return false;
        }
        JsonNode root = tree(email);
        for (String field : List.of("to", "cc", "bcc")) {
            for (JsonNode mailbox : root.path(field)) {
                if (Address.parse(mailbox.asText()).email().equalsIgnoreCase(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static String write(Envelope envelope) {
        ObjectNode root = JSON.createObjectNode().put("mail_from", envelope.mailFrom());
        root.set("rcpt_to", JSON.valueToTree(envelope.recipients()));
        return root.toString();
    }

    private static void addresses(ObjectNode root, String field, List<Address> addresses) {
        ArrayNode array = root.putArray(field);
        addresses.forEach(a -> array.add(a.toString()));
    }

    private static List<Address> addresses(JsonNode array) {
        List<Address> addresses = new ArrayList<>();
        array.forEach(a -> addresses.add(Address.parse(a.asText())));
        return addresses;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored message is not valid JSON", e);
        }
    }
}
