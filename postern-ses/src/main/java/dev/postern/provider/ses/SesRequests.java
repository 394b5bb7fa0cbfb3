package dev.postern.provider.ses;

import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.provider.transport.Correlation;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.model.Attachment;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentTransferEncoding;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Maps an {@link Email} to SES v2's {@code SendEmail} with {@code Simple} content: subject and
 * bodies in UTF-8, headers, attachments, cc/bcc, reply-to, and {@code EmailTags} for metadata, tags
 * and Postern's id. What SES needs beyond the model's types, per its documentation:
 *
 * <ul>
 *   <li>no SMTPUTF8: addresses are ASCII, domains in Punycode, display names RFC 2047 encoded words;
 *   <li>header values are printable ASCII (non-ASCII values become RFC 2047 encoded words), at most
 *       15 headers, {@code X-Postern-Id} included;
 *   <li>tag names and values are ASCII letters, digits, {@code _} and {@code -}, at most 256 long:
 *       other characters become {@code _}. Metadata {@code k: v} is tag {@code k=v}; Postern tag
 *       {@code t} is tag {@code tag_t=true}; Postern's id is tag {@code postern_id}.
 * </ul>
 */
final class SesRequests {
    /** SES takes at most 15 headers per message (model: MessageHeaderList max 15). */
    static final int MAX_HEADERS = 15;

    private static final int MAX_TAG_LENGTH = 256;

    private SesRequests() {}

    /** Why SES cannot take {@code email} at all, or empty when it can. */
    static Optional<String> unsendable(Email email) {
        List<Address> all = new ArrayList<>(email.allRecipients());
        all.add(email.from());
        all.addAll(email.replyTo());
        for (Address address : all) {
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(address.localPart())) {
                return Optional.of("SES does not support non-ASCII local parts (no SMTPUTF8): " + address.email());
            }
        }
        if (email.headers().size() + 1 > MAX_HEADERS) {
            return Optional.of("SES takes at most " + (MAX_HEADERS - 1) + " custom headers, but the message has "
                    + email.headers().size());
        }
        return Optional.empty();
    }

    static SendEmailRequest sendEmail(Email email, String posternId, String configurationSet) {
        return SendEmailRequest.builder()
                .fromEmailAddress(mailbox(email.from()))
                .destination(Destination.builder()
                        .toAddresses(mailboxes(email.to()))
                        .ccAddresses(mailboxes(email.cc()))
                        .bccAddresses(mailboxes(email.bcc()))
                        .build())
                .replyToAddresses(mailboxes(email.replyTo()))
                .content(c -> c.simple(message(email, posternId)))
                .emailTags(tags(email, posternId))
                .configurationSetName(configurationSet)
                .build();
    }

    private static Message message(Email email, String posternId) {
        Body.Builder body = Body.builder();
        if (email.text() != null) {
            body.text(utf8(email.text()));
        }
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        List<MessageHeader> headers = new ArrayList<>();
        headers.add(MessageHeader.builder()
                .name(Correlation.HEADER)
                .value(posternId)
                .build());
        email.headers().forEach((name, value) -> {
            // SES requires a value of at least one character; an empty header says nothing anyway.
            if (!value.isEmpty()) {
                headers.add(MessageHeader.builder()
                        .name(name)
                        .value(headerValue(value))
                        .build());
            }
        });
        return Message.builder()
                .subject(utf8(email.subject()))
                .body(body.build())
                .headers(headers)
                .attachments(email.attachments().stream()
                        .map(SesRequests::attachment)
                        .toList())
                .build();
    }

    private static Attachment attachment(dev.postern.email.Attachment a) {
        return Attachment.builder()
                .fileName(a.filename())
                .contentType(a.contentType())
                .rawContent(SdkBytes.fromByteArray(a.content()))
                .contentTransferEncoding(AttachmentContentTransferEncoding.BASE64)
                .contentDisposition(
                        a.inline() ? AttachmentContentDisposition.INLINE : AttachmentContentDisposition.ATTACHMENT)
                .contentId(a.contentId())
                .build();
    }

    private static List<MessageTag> tags(Email email, String posternId) {
        Map<String, String> tags = new LinkedHashMap<>();
        email.metadata().forEach((key, value) -> tags.put(tagText(key), tagText(value)));
        email.tags().forEach(tag -> tags.put(tagText("tag_" + tag), "true"));
        tags.put(Correlation.METADATA_KEY, tagText(posternId));
        return tags.entrySet().stream()
                .map(e -> MessageTag.builder()
                        .name(e.getKey())
                        .value(e.getValue())
                        .build())
                .toList();
    }

    /** Text SES takes as a tag name or value: other characters become '_'. */
    static String tagText(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9_-]", "_");
        if (cleaned.isEmpty()) {
            return "_";
        }
        return cleaned.length() > MAX_TAG_LENGTH ? cleaned.substring(0, MAX_TAG_LENGTH) : cleaned;
    }

    static String headerValue(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return value;
        }
        try {
            return MimeUtility.encodeText(value, "UTF-8", "B");
        } catch (UnsupportedEncodingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code =?UTF-8?B?…?= <local@xn--domain>} for a non-ASCII name, {@code "Name" <…>} or the bare address. */
    static String mailbox(Address address) {
        if (address.name() == null) {
            return address.asciiEmail();
        }
        try {
            return new InternetAddress(address.asciiEmail(), address.name(), "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> mailboxes(List<Address> addresses) {
        return addresses.stream().map(SesRequests::mailbox).toList();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
