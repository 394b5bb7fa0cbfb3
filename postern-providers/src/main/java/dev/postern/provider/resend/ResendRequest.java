package dev.postern.provider.resend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.provider.transport.Correlation;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON body of {@code POST /emails} from an {@link Email}. Resend has no per-message
 * tracking flags (tracking is a domain setting), so {@link Email#tracking()} is not sent.
 *
 * <p>Resend's {@code tags} are both its tags and its metadata field, and their names and values may
 * only hold ASCII letters, digits, {@code _} and {@code -} (at most 256 characters). So Postern
 * sends: each tag as {@code {name: tag, value: "true"}}, each metadata entry as {@code {name: key,
 * value: value}}, and its message id as {@code {name: "postern_id", value: id}}, in that order, a
 * later entry replacing an earlier one with the same name; every other character becomes {@code _}
 * longer texts are cut at 256 and an empty one becomes {@code _}. That is lossy for metadata outside that alphabet, which then
 * arrives changed in Resend's events (the message id, a ULID, always fits).
 */
final class ResendRequest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TAG_TEXT = 256;

    private ResendRequest() {}

    static byte[] body(Email email, String messageId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", mailbox(email.from()));
        body.set("to", mailboxes(email.to()));
        putIfAny(body, "cc", email.cc());
        putIfAny(body, "bcc", email.bcc());
        putIfAny(body, "reply_to", email.replyTo());
        body.put("subject", email.subject());
        if (email.text() != null) {
            body.put("text", email.text());
        }
        if (email.html() != null) {
            body.put("html", email.html());
        }
        ObjectNode headers = body.putObject("headers");
        email.headers().forEach(headers::put);
        headers.put(Correlation.HEADER, messageId);
        if (!email.attachments().isEmpty()) {
            ArrayNode attachments = body.putArray("attachments");
            email.attachments().forEach(a -> attachments.add(attachment(a)));
        }
        ArrayNode tags = body.putArray("tags");
        tags(email, messageId)
                .forEach((name, value) -> tags.addObject().put("name", name).put("value", value));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree as bytes", e);
        }
    }

    /** The tags sent for {@code email}, name to value, already restricted to Resend's alphabet. */
    static Map<String, String> tags(Email email, String messageId) {
        Map<String, String> tags = new LinkedHashMap<>();
        email.tags().forEach(tag -> tags.put(tagText(tag), "true"));
        email.metadata().forEach((key, value) -> tags.put(tagText(key), tagText(value)));
        tags.put(Correlation.METADATA_KEY, tagText(messageId));
        return tags;
    }

    /** {@code text} in Resend's tag alphabet: other characters become {@code _}; at most 256 characters. */
    static String tagText(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TAG_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TAG_TEXT; i++) {
            char c = text.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(allowed ? c : '_');
        }
        return out.isEmpty() ? "_" : out.toString();
    }

    private static ObjectNode attachment(Attachment a) {
        ObjectNode node = JSON.createObjectNode()
                .put("filename", a.filename())
                .put("content", Base64.getEncoder().encodeToString(a.content()))
                .put("content_type", a.contentType());
        if (a.contentId() != null) {
            node.put("content_id", a.contentId());
        }
        return node;
    }

    private static void putIfAny(ObjectNode body, String field, List<Address> addresses) {
        if (!addresses.isEmpty()) {
            body.set(field, mailboxes(addresses));
        }
    }

    private static ArrayNode mailboxes(List<Address> addresses) {
        ArrayNode array = JSON.createArrayNode();
        addresses.forEach(a -> array.add(mailbox(a)));
        return array;
    }

    /** {@code Name <local@ascii-domain>}: the domain in punycode, as mail servers need it. */
    private static String mailbox(Address address) {
        return Address.of(address.asciiEmail(), address.name()).toString();
    }
}
