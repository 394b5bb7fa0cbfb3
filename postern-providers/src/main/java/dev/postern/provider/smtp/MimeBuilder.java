package dev.postern.provider.smtp;

import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.transport.Correlation;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Builds the MIME message for one attempt. Structure: {@code multipart/mixed} (when there are
 * attachments) around {@code multipart/related} (when there are inline parts) around {@code
 * multipart/alternative} (when there are both text and html); each layer only when needed. Names
 * and the subject are RFC 2047 encoded as UTF-8, attachment file names RFC 2231 encoded, domains
 * sent in ASCII (punycode). Bcc recipients go in the envelope only, never in a header.
 */
final class MimeBuilder {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    /** What a Message-ID's left part may hold (RFC 5322 dot-atom text); anything else becomes '_'. */
    private static final Pattern NOT_ID_TEXT = Pattern.compile("[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]");

    /**
     * The Date header (RFC 5322 §3.3), in the JVM's zone as jakarta.mail writes it. Formatted here
     * because {@code MimeMessage.setSentDate} formats through one shared, synchronised {@code
     * MailDateFormat}: every concurrent attempt queued on its lock.
     */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx '('zzz')'", Locale.ROOT);

    private MimeBuilder() {}

    /** The Message-ID for every attempt of one message: Postern's id at the sender's domain. */
    static String messageId(Email email, AttemptContext context) {
        String id = NOT_ID_TEXT.matcher(context.messageId()).replaceAll("_");
        return "<" + id + "@"
                + email.from().asciiEmail().substring(email.from().asciiEmail().lastIndexOf('@') + 1) + ">";
    }

    static SMTPMessage build(Email email, AttemptContext context, Session session, Clock clock)
            throws MessagingException, UnsupportedEncodingException {
        SMTPMessage message = new StableIdMessage(session, messageId(email, context));
        message.setEnvelopeFrom(email.from().asciiEmail());
        message.setFrom(address(email.from()));
        message.setRecipients(Message.RecipientType.TO, addresses(email.to()));
        if (!email.cc().isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
        }
        if (!email.replyTo().isEmpty()) {
            message.setReplyTo(addresses(email.replyTo()));
        }
        message.setSubject(email.subject(), UTF_8);
        message.setHeader("Date", DATE.format(clock.instant().atZone(ZoneId.systemDefault())));
        for (var header : email.headers().entrySet()) {
            String name = header.getKey();
            message.setHeader(
                    name, MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(header.getValue(), UTF_8, null)));
        }
        message.setHeader(Correlation.HEADER, context.messageId());
        content(message, email);
        message.saveChanges();
        return message;
    }

    /** Everyone the relay must deliver to (to, cc and bcc), domains in ASCII. */
    static InternetAddress[] envelopeRecipients(Email email) throws MessagingException {
        List<Address> all = email.allRecipients();
        InternetAddress[] out = new InternetAddress[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new InternetAddress(all.get(i).asciiEmail(), false);
        }
        return out;
    }

    private static void content(SMTPMessage message, Email email) throws MessagingException {
        List<Attachment> files =
                email.attachments().stream().filter(a -> a.contentId() == null).toList();
        List<Attachment> inline =
                email.attachments().stream().filter(a -> a.contentId() != null).toList();
        MimePart body = message;
        if (!files.isEmpty()) {
            body = wrap(body, "mixed", files);
        }
        if (!inline.isEmpty()) {
            body = wrap(body, "related", inline);
        }
        if (email.text() != null && email.html() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text(email.text(), "plain"));
            alternative.addBodyPart(text(email.html(), "html"));
            body.setContent(alternative);
        } else if (email.html() != null) {
            body.setDataHandler(textContent(email.html(), "html"));
        } else {
            body.setDataHandler(textContent(email.text(), "plain"));
        }
    }

    /** Makes {@code outer} a multipart of {@code subtype}: a first part (returned) for the rest, then the attachments. */
    private static MimePart wrap(MimePart outer, String subtype, List<Attachment> attachments)
            throws MessagingException {
        MimeMultipart multipart = new MimeMultipart(subtype);
        MimeBodyPart first = new MimeBodyPart();
        multipart.addBodyPart(first);
        for (Attachment attachment : attachments) {
            multipart.addBodyPart(attachment(attachment));
        }
        outer.setContent(multipart);
        return first;
    }

    private static MimeBodyPart text(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(textContent(text, subtype));
        return part;
    }

    /**
     * The part's content as bytes ({@link TextContent}): the same headers and bytes as {@code
     * setText(text, "UTF-8", subtype)}, without its cost. {@code setText} hands Angus Mail a String,
     * which its {@code text_plain} handler encodes a byte at a time, twice per part: once to choose
     * the transfer encoding and once to write.
     */
    private static DataHandler textContent(String text, String subtype) {
        return TextContent.handler(text, subtype);
    }

    private static MimeBodyPart attachment(Attachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
        part.setFileName(attachment.filename());
        if (attachment.contentId() != null) {
            part.setDisposition(Part.INLINE);
            part.setContentID("<" + attachment.contentId() + ">");
        } else {
            part.setDisposition(Part.ATTACHMENT);
        }
        return part;
    }

    private static InternetAddress address(Address address) throws UnsupportedEncodingException {
        return new InternetAddress(address.asciiEmail(), address.name(), UTF_8);
    }

    private static InternetAddress[] addresses(List<Address> list) throws UnsupportedEncodingException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = address(list.get(i));
        }
        return out;
    }

    /**
     * Keeps the Message-ID Postern chose (jakarta.mail would otherwise make a new one on save), and
     * hands the relay its MIME in one write.
     *
     * <p>Angus Mail writes a text part a byte at a time (its {@code text_plain} handler puts a
     * {@code FilterOutputStream} that only passes single bytes between the charset encoder and the
     * stream), so written straight into the SMTP data stream every byte went through the CRLF and
     * dot-stuffing state machine and into the connection's {@code BufferedOutputStream} on its own.
     * On a virtual thread that buffer starts at 512 bytes and, in JDK 25, grows by one byte per
     * single-byte write until 8 KiB: a copy of the whole buffer per byte, 59 % of all the bytes the
     * HTTP → SMTP pipeline allocated (docs/benchmarks.md). Rendered into memory first, the same
     * bytes reach the data stream in one {@code write}, whose CRLF and dot-stuffing work in runs.
     */
    private static final class StableIdMessage extends SMTPMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
            ByteArrayOutputStream rendered = new ByteArrayOutputStream(4096);
            super.writeTo(rendered, ignoreList);
            rendered.writeTo(out);
            out.flush();
        }
    }
}
