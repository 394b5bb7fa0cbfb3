package dev.postern.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.provider.transport.Correlation;
import java.util.Base64;
import java.util.List;

/**
 * Writes an {@link Email} as the body of Postern's generic JSON webhook. Every key is always
 * present (empty lists and maps, {@code null} text or html), so a service needs no defaults.
 * Addresses are RFC 5322 mailboxes in UTF-8; Postern's id is {@code id}, header {@code
 * X-Postern-Id} and metadata {@code postern_id}.
 */
final class HttpWebhookRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpWebhookRequests() {}

    static byte[] body(Email email, String posternId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", posternId);
        body.put("from", email.from().toString());
        mailboxes(body.putArray("to"), email.to());
        mailboxes(body.putArray("cc"), email.cc());
        mailboxes(body.putArray("bcc"), email.bcc());
        mailboxes(body.putArray("reply_to"), email.replyTo());
        body.put("subject", email.subject());
        body.put("text", email.text());
        body.put("html", email.html());
        ObjectNode headers = body.putObject("headers");
        email.headers().forEach(headers::put);
        headers.put(Correlation.HEADER, posternId);
        ArrayNode attachments = body.putArray("attachments");
        email.attachments().forEach(a -> attachment(attachments.addObject(), a));
        ArrayNode tags = body.putArray("tags");
        email.tags().forEach(tags::add);
        ObjectNode metadata = body.putObject("metadata");
        email.metadata().forEach(metadata::put);
        metadata.put(Correlation.METADATA_KEY, posternId);
        body.putObject("tracking")
                .put("opens", email.tracking().opens())
                .put("clicks", email.tracking().clicks());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings cannot fail to serialise", e);
        }
    }

    private static void attachment(ObjectNode node, Attachment attachment) {
        node.put("filename", attachment.filename());
        node.put("content_type", attachment.contentType());
        node.put("content_base64", Base64.getEncoder().encodeToString(attachment.content()));
        node.put("content_id", attachment.contentId());
    }

    private static void mailboxes(ArrayNode array, List<Address> addresses) {
        addresses.forEach(a -> array.add(a.toString()));
    }
}
