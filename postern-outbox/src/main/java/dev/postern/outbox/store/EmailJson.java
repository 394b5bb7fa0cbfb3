package dev.postern.outbox.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import java.io.ByteArrayOutputStream;
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

    /**
     * Written field by field with a streaming generator: this runs for every accepted message, and
     * building a tree first cost about a fifth of the accept path's CPU (docs/benchmarks.md).
     */
    public static byte[] write(Email email) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (int) Math.min(email.sizeBytes(), 1 << 20));
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("from", email.from().toString());
            addresses(json, "to", email.to());
            addresses(json, "cc", email.cc());
            addresses(json, "bcc", email.bcc());
            addresses(json, "reply_to", email.replyTo());
            json.writeStringField("subject", email.subject());
            json.writeStringField("text", email.text());
            json.writeStringField("html", email.html());
            map(json, "headers", email.headers());
            json.writeArrayFieldStart("attachments");
            for (Attachment a : email.attachments()) {
                json.writeStartObject();
                json.writeStringField("filename", a.filename());
                json.writeStringField("content_type", a.contentType());
                json.writeStringField("content_base64", Base64.getEncoder().encodeToString(a.content()));
                json.writeStringField("content_id", a.contentId());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("tags");
            for (String tag : email.tags()) {
                json.writeString(tag);
            }
            json.writeEndArray();
            map(json, "metadata", email.metadata());
            json.writeObjectFieldStart("tracking");
            json.writeBooleanField("opens", email.tracking().opens());
            json.writeBooleanField("clicks", email.tracking().clicks());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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

    private static void addresses(JsonGenerator json, String field, List<Address> addresses) throws IOException {
        json.writeArrayFieldStart(field);
        for (Address a : addresses) {
            json.writeString(a.toString());
        }
        json.writeEndArray();
    }

    private static void map(JsonGenerator json, String field, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : map.entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
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

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored message is not valid JSON", e);
        }
    }
}
