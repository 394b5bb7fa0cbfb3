package dev.postern.spring.mail;

import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads an application's {@link MimeMessage} into the {@link Email} Postern routes: {@code From},
 * {@code To}, {@code Cc}, {@code Bcc}, {@code Reply-To} and {@code Subject}; the first text/plain
 * and text/html parts outside attachments are the bodies; every other leaf part is an attachment
 * (inline when it has a Content-ID). Headers {@link Email} carries as extra headers are kept
 * ({@code X-*}, list and threading headers); providers write the rest again.
 */
final class MimeEmails {
    static final Session SESSION = Session.getInstance(properties());
    private static final Set<String> KEPT_HEADERS = Set.of(
            "in-reply-to",
            "references",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "list-id",
            "auto-submitted",
            "precedence");

    private MimeEmails() {}

    /**
     * @throws MessagingException or {@link IOException} when the message cannot be read
     * @throws dev.postern.email.InvalidEmailException when its content breaks {@link Email}'s rules
     */
    static Email read(MimeMessage built) throws MessagingException, IOException {
        // Parts built in memory get their Content-Type headers only when saved: read the saved form.
        built.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        built.writeTo(bytes);
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));

        Email.Builder email = Email.builder();
        List<InternetAddress> from = addresses(message, "From");
        if (from.size() != 1) {
            throw new MessagingException("From must hold exactly one mailbox, but held " + from.size());
        }
        email.from(address(from.getFirst()));
        addresses(message, "To").forEach(a -> email.to(address(a)));
        addresses(message, "Cc").forEach(a -> email.cc(address(a)));
        addresses(message, "Bcc").forEach(a -> email.bcc(address(a)));
        addresses(message, "Reply-To").forEach(a -> email.replyTo(address(a)));
        String subject = message.getSubject();
        email.subject(subject == null ? "" : subject);
        new Bodies(email).walk(message);
        extraHeaders(message, email);
        return email.build();
    }

    private static List<InternetAddress> addresses(MimeMessage message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        List<InternetAddress> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        for (String value : values) {
            try {
                for (InternetAddress a : InternetAddress.parseHeader(MimeUtility.unfold(value), true)) {
                    result.addAll(a.isGroup() ? List.of(a.getGroup(true)) : List.of(a));
                }
            } catch (AddressException e) {
                throw new MessagingException(header + " is not an address list: " + e.getMessage());
            }
        }
        return result;
    }

    private static Address address(InternetAddress a) {
        return Address.of(a.getAddress(), a.getPersonal());
    }

    private static void extraHeaders(MimeMessage message, Email.Builder email) throws MessagingException {
        Set<String> seen = new HashSet<>();
        for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            Header header = headers.nextElement();
            String lower = header.getName().toLowerCase(Locale.ROOT);
            boolean kept = KEPT_HEADERS.contains(lower) || (lower.startsWith("x-") && !lower.equals("x-postern-id"));
            if (kept && seen.add(lower)) {
                email.header(
                        header.getName(), MimeUtility.unfold(header.getValue()).strip());
            }
        }
    }

    /** Walks the MIME tree once, filling the bodies and attachments. */
    private static final class Bodies {
        private final Email.Builder email;
        private boolean text;
        private boolean html;
        private int parts;

        Bodies(Email.Builder email) {
            this.email = email;
        }

        void walk(Part part) throws MessagingException, IOException {
            parts++;
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child);
                }
            } else if (!attachment && !text && part.isMimeType("text/plain")) {
                text = true;
                email.text(string(part));
            } else if (!attachment && !html && part.isMimeType("text/html")) {
                html = true;
                email.html(string(part));
            } else {
                attach(part);
            }
        }

        private static String string(Part part) throws MessagingException, IOException {
            if (part.getContent() instanceof String content) {
                return content;
            }
            throw new MessagingException("the " + part.getContentType() + " part could not be decoded as text");
        }

        private void attach(Part part) throws MessagingException, IOException {
            String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            String name = part.getFileName() != null ? part.getFileName() : "part-" + parts;
            byte[] content = part.getInputStream().readAllBytes();
            String contentId = part instanceof MimePart mime ? mime.getContentID() : null;
            if (contentId != null && contentId.startsWith("<") && contentId.endsWith(">")) {
                contentId = contentId.substring(1, contentId.length() - 1);
            }
            email.attachment(new Attachment(name, type, content, contentId));
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        return properties;
    }
}
