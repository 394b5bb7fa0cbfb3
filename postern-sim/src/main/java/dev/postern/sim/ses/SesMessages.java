package dev.postern.sim.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules SES applies to a {@code SendEmailRequest} beyond its model's shapes (documented in the
 * model's prose and the SES developer guide), and the reading of an accepted request into a
 * {@link ReceivedMessage}. The simulator handles {@code Simple} content only.
 */
final class SesMessages {
    /** At most 50 recipients (To + Cc + Bcc) per message. */
    static final int MAX_RECIPIENTS = 50;

    /** Tag names and values: ASCII letters, digits, '_' and '-', at most 256 characters. */
    private static final Pattern TAG_TEXT = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private SesMessages() {}

    /** What SES would refuse in a body that already conforms to the model; empty when nothing. */
    static List<String> problems(JsonNode body) {
        List<String> problems = new ArrayList<>();
        JsonNode content = body.path("Content");
        int kinds = (content.has("Simple") ? 1 : 0) + (content.has("Raw") ? 1 : 0) + (content.has("Template") ? 1 : 0);
        if (kinds != 1) {
            problems.add("Content must contain exactly one of Simple, Raw or Template");
        } else if (!content.has("Simple")) {
            problems.add("this simulator handles only Simple content");
        }
        if (!body.hasNonNull("FromEmailAddress")) {
            problems.add("Missing required field FromEmailAddress");
        }
        List<JsonNode> addresses = new ArrayList<>();
        if (body.hasNonNull("FromEmailAddress")) {
            addresses.add(body.path("FromEmailAddress"));
        }
        int recipients = 0;
        for (String list : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
            for (JsonNode address : body.path("Destination").path(list)) {
                addresses.add(address);
                recipients++;
            }
        }
        body.path("ReplyToAddresses").forEach(addresses::add);
        if (recipients == 0) {
            problems.add("Missing required field Destination: at least one recipient is needed");
        } else if (recipients > MAX_RECIPIENTS) {
            problems.add("Recipient count exceeds " + MAX_RECIPIENTS + ".");
        }
        for (JsonNode address : addresses) {
            addressProblem(address.asText(), problems);
        }
        for (JsonNode tag : body.path("EmailTags")) {
            for (String part : List.of("Name", "Value")) {
                if (!TAG_TEXT.matcher(tag.path(part).asText()).matches()) {
                    problems.add("Invalid tag " + part.toLowerCase(java.util.Locale.ROOT) + " <"
                            + tag.path(part).asText()
                            + ">: only alphanumeric ASCII characters, '_', and '-' are allowed.");
                }
            }
        }
        return problems;
    }

    // SES has no SMTPUTF8: addresses are 7-bit ASCII, display names RFC 2047 encoded words.
    private static void addressProblem(String address, List<String> problems) {
        if (!address.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            problems.add("Illegal address: non-ASCII characters must be RFC 2047 encoded (name) or "
                    + "Punycode (domain): " + address);
            return;
        }
        try {
            new InternetAddress(address, true).validate();
        } catch (AddressException e) {
            problems.add("Illegal address: " + address);
        }
    }

    /** The accepted request as one provider-neutral message. */
    static ReceivedMessage read(String messageId, JsonNode body) {
        JsonNode simple = body.path("Content").path("Simple");
        Map<String, String> headers = new LinkedHashMap<>();
        simple.path("Headers")
                .forEach(h -> headers.put(
                        h.path("Name").asText(), decode(h.path("Value").asText())));
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("EmailTags")
                .forEach(t -> tags.put(t.path("Name").asText(), t.path("Value").asText()));
        List<ReceivedMessage.ReceivedAttachment> attachments = new ArrayList<>();
        simple.path("Attachments")
                .forEach(a -> attachments.add(new ReceivedMessage.ReceivedAttachment(
                        a.path("FileName").asText(),
                        a.path("ContentType").asText("application/octet-stream"),
                        Base64.getDecoder().decode(a.path("RawContent").asText()))));
        JsonNode destination = body.path("Destination");
        return new ReceivedMessage(
                messageId,
                mailbox(body.path("FromEmailAddress").asText()),
                mailboxes(destination.path("ToAddresses")),
                mailboxes(destination.path("CcAddresses")),
                mailboxes(destination.path("BccAddresses")),
                simple.path("Subject").path("Data").asText(),
                text(simple.path("Body").path("Text")),
                text(simple.path("Body").path("Html")),
                headers,
                // SES has one key/value list, EmailTags; it has no separate list of plain tags.
                tags,
                List.of(),
                attachments);
    }

    private static String text(JsonNode content) {
        return content.hasNonNull("Data") ? content.path("Data").asText() : null;
    }

    private static List<String> mailboxes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(mailbox(a.asText())));
        return out;
    }

    /** {@code "Name <a@b>"} with the encoded name decoded, or the bare address. */
    private static String mailbox(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, false);
            String name = parsed.getPersonal();
            return name == null ? parsed.getAddress() : name + " <" + parsed.getAddress() + ">";
        } catch (AddressException e) {
            return address;
        }
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
