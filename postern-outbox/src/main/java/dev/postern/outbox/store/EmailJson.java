package dev.postern.outbox.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
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

    /**
     * Read field by field with a streaming parser, for the same reason as {@link #write(Email)}: this
     * runs at every delivery round. Fields it does not know are skipped; a missing list is empty.
     */
    public static Email read(byte[] json) {
        try (JsonParser in = JSON.getFactory().createParser(json)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(in, "a stored message is a JSON object");
            }
            StoredEmail e = new StoredEmail();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "from" -> e.from = in.getValueAsString();
                    case "to" -> e.to = addresses(in);
                    case "cc" -> e.cc = addresses(in);
                    case "bcc" -> e.bcc = addresses(in);
                    case "reply_to" -> e.replyTo = addresses(in);
                    case "subject" -> e.subject = in.getValueAsString();
                    case "text" -> e.text = in.getValueAsString();
                    case "html" -> e.html = in.getValueAsString();
                    case "headers" -> e.headers = map(in);
                    case "attachments" -> e.attachments = attachments(in);
                    case "tags" -> e.tags = strings(in);
                    case "metadata" -> e.metadata = map(in);
                    case "tracking" -> e.tracking = tracking(in);
                    default -> in.skipChildren();
                }
            }
            return e.email();
        } catch (IOException e) {
            throw new UncheckedIOException("stored message is not valid JSON", e);
        }
    }

    /** The fields of a stored message as read, before the {@link Email} validates them. */
    private static final class StoredEmail {
        String from = "";
        List<Address> to = List.of();
        List<Address> cc = List.of();
        List<Address> bcc = List.of();
        List<Address> replyTo = List.of();
        String subject;
        String text;
        String html;
        Map<String, String> headers = Map.of();
        List<Attachment> attachments = List.of();
        List<String> tags = List.of();
        Map<String, String> metadata = Map.of();
        Tracking tracking = new Tracking(false, false);

        Email email() {
            return new Email(
                    Address.parse(from),
                    to,
                    cc,
                    bcc,
                    replyTo,
                    subject,
                    text,
                    html,
                    headers,
                    attachments,
                    tags,
                    metadata,
                    tracking);
        }
    }

    private static List<Address> addresses(JsonParser in) throws IOException {
        List<Address> addresses = new ArrayList<>();
        for (String mailbox : strings(in)) {
            addresses.add(Address.parse(mailbox));
        }
        return addresses;
    }

    private static List<String> strings(JsonParser in) throws IOException {
        List<String> values = new ArrayList<>();
        if (!opens(in, JsonToken.START_ARRAY)) {
            return values;
        }
        while (in.nextToken() != JsonToken.END_ARRAY) {
            values.add(in.getValueAsString());
        }
        return values;
    }

    private static Map<String, String> map(JsonParser in) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        if (!opens(in, JsonToken.START_OBJECT)) {
            return map;
        }
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            in.nextToken();
            map.put(key, in.getValueAsString());
        }
        return map;
    }

    private static List<Attachment> attachments(JsonParser in) throws IOException {
        List<Attachment> attachments = new ArrayList<>();
        if (!opens(in, JsonToken.START_ARRAY)) {
            return attachments;
        }
        while (in.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> a = new LinkedHashMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String key = in.currentName();
                in.nextToken();
                a.put(key, in.getValueAsString());
            }
            attachments.add(new Attachment(
                    a.getOrDefault("filename", ""),
                    a.getOrDefault("content_type", ""),
                    Base64.getDecoder().decode(a.getOrDefault("content_base64", "")),
                    a.get("content_id")));
        }
        return attachments;
    }

    private static Tracking tracking(JsonParser in) throws IOException {
        Map<String, String> t = map(in);
        return new Tracking(Boolean.parseBoolean(t.get("opens")), Boolean.parseBoolean(t.get("clicks")));
    }

    /** Whether the value at hand is the {@code token} that opens it; a JSON null is read as empty. */
    private static boolean opens(JsonParser in, JsonToken token) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (in.currentToken() != token) {
            throw new JsonParseException(in, "expected " + token + " but found " + in.currentToken());
        }
        return true;
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

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored message is not valid JSON", e);
        }
    }
}
