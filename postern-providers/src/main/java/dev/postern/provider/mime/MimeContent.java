package dev.postern.provider.mime;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads what a MIME message holds into an {@link Email.Builder}, for every door that takes mail as
 * MIME (the SMTP relay, Spring's {@code JavaMailSender}). Who the recipients are is the caller's
 * decision (the relay trusts its envelope); the rest is read the same everywhere: the first
 * text/plain and text/html parts outside attachments are the bodies, every other leaf part is an
 * attachment (inline when it has a Content-ID), and the headers {@link Email} carries as extra
 * headers are kept ({@code X-*} except {@code X-Postern-Id}, list and threading headers) — the rest
 * are written again by whoever sends the structured form.
 *
 * <p>Multiparts nested more than {@link #MAX_MULTIPART_DEPTH} deep are refused before the level
 * beyond is parsed. Angus Mail parses one level per {@code getContent()}, each scanning what its
 * parent holds, so the work is at most that many passes over the message, and the walk's recursion
 * is bounded too (a 10,000-level message once took 13.7 s, then overflowed the stack).
 */
public final class MimeContent {
    /** A session for parsing only: file names and text decoded leniently, as mail clients do. */
    public static final Session SESSION = Session.getInstance(properties());

    /**
     * The most multiparts nested inside each other, the outermost counted: far beyond what mail
     * programs write (a forwarded message with alternatives and attachments is 3 or 4 deep).
     */
    public static final int MAX_MULTIPART_DEPTH = 32;

    private static final Set<String> KEPT_HEADERS = Set.of(
            "in-reply-to",
            "references",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "list-id",
            "auto-submitted",
            "precedence");

    static {
        MailStreams.nameProvider();
    }

    private MimeContent() {}

    /** The one mailbox of the {@code From:} header; anything else is an error. */
    public static Address sender(MimeMessage message) throws MessagingException {
        List<InternetAddress> from = addresses(message, "From");
        if (from.size() != 1) {
            throw new MessagingException("the From: header must hold exactly one mailbox, but held " + from.size());
        }
        return address(from.getFirst());
    }

    /** Every mailbox in the named header(s), groups opened up; an undecodable list is an error. */
    public static List<InternetAddress> addresses(MimeMessage message, String header) throws MessagingException {
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
                throw new MessagingException("the " + header + ": header is not an address list: " + e.getMessage());
            }
        }
        return result;
    }

    public static Address address(InternetAddress a) {
        return Address.of(a.getAddress(), a.getPersonal());
    }

    /** Subject, bodies, attachments and the extra headers of {@code message}, into {@code email}. */
    public static void readContent(MimeMessage message, Email.Builder email) throws MessagingException, IOException {
        String subject = message.getSubject();
        email.subject(subject == null ? "" : subject);
        new Bodies(email).walk(message, 0);
        extraHeaders(message, email);
    }

    private static void extraHeaders(MimeMessage message, Email.Builder email) throws MessagingException {
        Set<String> seen = new HashSet<>();
        for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            Header header = headers.nextElement();
            String lower = header.getName().toLowerCase(Locale.ROOT);
            boolean kept = KEPT_HEADERS.contains(lower) || (lower.startsWith("x-") && !lower.equals("x-postern-id"));
            // Email holds one value per name: the first one stays, as a reader would see it
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

        /** {@code depth}: how many multiparts hold {@code part}. */
        void walk(Part part, int depth) throws MessagingException, IOException {
            parts++;
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            boolean multipartType = part.isMimeType("multipart/*");
            if (multipartType && depth == MAX_MULTIPART_DEPTH) {
                // refused before getContent(): parsing the level would cost one more pass over it
                throw new MessagingException(
                        "multipart parts are nested deeper than " + MAX_MULTIPART_DEPTH + " levels");
            }
            if (multipartType && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1);
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
