package dev.postern.provider.postmark;

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
import java.util.stream.Collectors;

/**
 * Builds the PascalCase JSON body of {@code POST /email} from an {@link Email}. Address fields are
 * comma-separated {@code Name <local@domain>} strings (domains in punycode). Postmark takes one
 * {@code Tag}: the email's first tag is sent, further tags are dropped. Metadata goes to {@code
 * Metadata} with {@code postern_id}; Postern's message id also travels as header {@code
 * X-Postern-Id}. Click tracking maps to {@code TrackLinks: HtmlAndText} (else {@code None}).
 */
final class PostmarkRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostmarkRequest() {}

    static byte[] body(Email email, String messageId, String messageStream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("From", mailbox(email.from()));
        body.put("To", mailboxes(email.to()));
        putIfAny(body, "Cc", email.cc());
        putIfAny(body, "Bcc", email.bcc());
        putIfAny(body, "ReplyTo", email.replyTo());
        body.put("Subject", email.subject());
        if (email.text() != null) {
            body.put("TextBody", email.text());
        }
        if (email.html() != null) {
            body.put("HtmlBody", email.html());
        }
        ArrayNode headers = body.putArray("Headers");
        email.headers()
                .forEach((name, value) -> headers.addObject().put("Name", name).put("Value", value));
        headers.addObject().put("Name", Correlation.HEADER).put("Value", messageId);
        if (!email.attachments().isEmpty()) {
            ArrayNode attachments = body.putArray("Attachments");
            email.attachments().forEach(a -> attachments.add(attachment(a)));
        }
        if (!email.tags().isEmpty()) {
            body.put("Tag", email.tags().getFirst());
        }
        ObjectNode metadata = body.putObject("Metadata");
        email.metadata().forEach(metadata::put);
        metadata.put(Correlation.METADATA_KEY, messageId);
        body.put("TrackOpens", email.tracking().opens());
        body.put("TrackLinks", email.tracking().clicks() ? "HtmlAndText" : "None");
        body.put("MessageStream", messageStream);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree as bytes", e);
        }
    }

    private static ObjectNode attachment(Attachment a) {
        ObjectNode node = JSON.createObjectNode()
                .put("Name", a.filename())
                .put("Content", Base64.getEncoder().encodeToString(a.content()))
                .put("ContentType", a.contentType());
        if (a.contentId() != null) {
            // Postmark's documented form for inline images is "cid:<id>"
            node.put("ContentID", a.contentId().startsWith("cid:") ? a.contentId() : "cid:" + a.contentId());
        }
        return node;
    }

    private static void putIfAny(ObjectNode body, String field, List<Address> addresses) {
        if (!addresses.isEmpty()) {
            body.put(field, mailboxes(addresses));
        }
    }

    private static String mailboxes(List<Address> addresses) {
        return addresses.stream().map(PostmarkRequest::mailbox).collect(Collectors.joining(", "));
    }

    /** {@code Name <local@ascii-domain>}; a name with a comma is quoted, so the list stays parseable. */
    private static String mailbox(Address address) {
        return Address.of(address.asciiEmail(), address.name()).toString();
    }
}
