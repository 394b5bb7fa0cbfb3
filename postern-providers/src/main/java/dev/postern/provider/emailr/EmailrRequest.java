package dev.postern.provider.emailr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.provider.transport.Correlation;
import java.util.Base64;

/**
 * Builds the JSON body of {@code POST /v1/emails/send} from an {@link Email}. emailr's schema takes
 * bare addresses ({@code format: email}), one {@code reply_to_email}, and a string map {@code tags}
 * as its metadata field; it has no cc/bcc, custom headers, tracking flags or inline parts. So:
 * display names are not sent, only the first reply-to address is, each tag becomes {@code tags[tag]
 * = "true"}, metadata entries follow, and {@code tags.postern_id} carries Postern's message id,
 * written last so nothing overwrites it. Custom headers and Content-IDs are dropped; cc/bcc never
 * get here (see {@link EmailrProvider}).
 */
final class EmailrRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmailrRequest() {}

    static byte[] body(Email email, String messageId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", bare(email.from()));
        ArrayNode to = body.putArray("to");
        email.to().forEach(a -> to.add(bare(a)));
        body.put("subject", email.subject());
        if (email.text() != null) {
            body.put("text", email.text());
        }
        if (email.html() != null) {
            body.put("html", email.html());
        }
        if (!email.replyTo().isEmpty()) {
            body.put("reply_to_email", bare(email.replyTo().getFirst()));
        }
        ObjectNode tags = body.putObject("tags");
        email.tags().forEach(tag -> tags.put(tag, "true"));
        email.metadata().forEach(tags::put);
        tags.put(Correlation.METADATA_KEY, messageId);
        if (!email.attachments().isEmpty()) {
            ArrayNode attachments = body.putArray("attachments");
            email.attachments()
                    .forEach(a -> attachments
                            .addObject()
                            .put("filename", a.filename())
                            .put("content", Base64.getEncoder().encodeToString(a.content()))
                            .put("contentType", a.contentType()));
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree as bytes", e);
        }
    }

    /** The address alone, domain in punycode: emailr's fields are {@code format: email}. */
    private static String bare(Address address) {
        return address.asciiEmail();
    }
}
