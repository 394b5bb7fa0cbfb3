package dev.postern.provider.sendgrid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.transport.Correlation;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Writes an {@link Email} as the JSON body of {@code POST /v3/mail/send}: one personalization with
 * to/cc/bcc and the metadata as {@code custom_args} (Postern's id under {@code postern_id}),
 * headers with {@code X-Postern-Id}, tags as {@code categories}, and tracking as {@code
 * tracking_settings}, always stated so the account's defaults cannot turn tracking on unasked.
 */
final class SendGridRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SendGridRequest() {}

    static byte[] body(Email email, AttemptContext context) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode personalization = root.putArray("personalizations").addObject();
        addresses(personalization, "to", email.to());
        addresses(personalization, "cc", email.cc());
        addresses(personalization, "bcc", email.bcc());
        // custom_args is an object only inside a personalization in SendGrid's spec (a string at the top).
        ObjectNode customArgs = personalization.putObject("custom_args");
        email.metadata().forEach(customArgs::put);
        customArgs.put(Correlation.METADATA_KEY, context.messageId());

        root.set("from", address(email.from()));
        if (email.replyTo().size() == 1) {
            root.set("reply_to", address(email.replyTo().getFirst()));
        } else if (!email.replyTo().isEmpty()) {
            ArrayNode list = root.putArray("reply_to_list");
            email.replyTo().forEach(a -> list.add(address(a)));
        }
        // SendGrid refuses an empty subject (minLength 1); a single space is the closest it takes.
        root.put("subject", email.subject().isEmpty() ? " " : email.subject());
        content(root, email);
        attachments(root, email.attachments());
        ObjectNode headers = root.putObject("headers");
        email.headers().forEach(headers::put);
        headers.put(Correlation.HEADER, context.messageId());
        if (!email.tags().isEmpty()) {
            // categories must be unique; duplicates would get the whole request refused
            ArrayNode categories = root.putArray("categories");
            new LinkedHashSet<>(email.tags()).forEach(categories::add);
        }
        ObjectNode tracking = root.putObject("tracking_settings");
        tracking.putObject("click_tracking")
                .put("enable", email.tracking().clicks())
                .put("enable_text", email.tracking().clicks());
        tracking.putObject("open_tracking").put("enable", email.tracking().opens());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a SendGrid request", e);
        }
    }

    private static void content(ObjectNode root, Email email) {
        // SendGrid requires text/plain before text/html, and each value non-empty.
        ArrayNode content = root.putArray("content");
        if (email.text() != null && !email.text().isEmpty()) {
            content.addObject().put("type", "text/plain").put("value", email.text());
        }
        if (email.html() != null && !email.html().isEmpty()) {
            content.addObject().put("type", "text/html").put("value", email.html());
        }
    }

    private static void attachments(ObjectNode root, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return;
        }
        ArrayNode array = root.putArray("attachments");
        for (Attachment a : attachments) {
            ObjectNode node = array.addObject()
                    .put("content", Base64.getEncoder().encodeToString(a.content()))
                    .put("filename", a.filename())
                    .put("type", a.contentType());
            if (a.contentId() != null) {
                node.put("disposition", "inline").put("content_id", a.contentId());
            } else {
                node.put("disposition", "attachment");
            }
        }
    }

    private static void addresses(ObjectNode parent, String field, List<Address> addresses) {
        if (!addresses.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            addresses.forEach(a -> array.add(address(a)));
        }
    }

    private static ObjectNode address(Address a) {
        ObjectNode node = JSON.createObjectNode().put("email", a.asciiEmail());
        if (a.name() != null) {
            // SendGrid refuses ',' and ';' in names; a display name is cosmetic, so drop them rather than fail.
            String name =
                    a.name().replaceAll("[,;]", " ").replaceAll("\\s+", " ").strip();
            if (!name.isEmpty()) {
                node.put("name", name);
            }
        }
        return node;
    }
}
