package dev.postern.sim.smtp;

import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.ReceivedMessage.ReceivedAttachment;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a message received over SMTP into {@link ReceivedMessage}: names and subject decoded,
 * the first text/plain and text/html bodies, attachments decoded, headers by name. Recipients of
 * the envelope that no To or Cc header names are the Bcc recipients.
 */
final class ReceivedParser {
    private static final Session SESSION = Session.getInstance(new Properties());

    private ReceivedParser() {}

    static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    static ReceivedMessage read(MimeMessage message, String id, Collection<String> envelopeRecipients)
            throws MessagingException, IOException {
        List<String> to = mailboxes(message.getRecipients(Message.RecipientType.TO));
        List<String> cc = mailboxes(message.getRecipients(Message.RecipientType.CC));
        Set<String> named = addresses(message.getRecipients(Message.RecipientType.TO));
        named.addAll(addresses(message.getRecipients(Message.RecipientType.CC)));
        List<String> bcc = envelopeRecipients.stream()
                .filter(r -> !named.contains(r.toLowerCase(Locale.ROOT)))
                .toList();
        Bodies bodies = new Bodies();
        bodies.walk(message);
        return new ReceivedMessage(
                id,
                mailboxes(message.getFrom()).stream().findFirst().orElse(""),
                to,
                cc,
                bcc,
                message.getSubject() == null ? "" : message.getSubject(),
                bodies.text,
                bodies.html,
                headers(message),
                Map.of(),
                List.of(),
                bodies.attachments);
    }

    private static List<String> mailboxes(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                InternetAddress ia = (InternetAddress) a;
                out.add(ia.getPersonal() == null ? ia.getAddress() : ia.getPersonal() + " <" + ia.getAddress() + ">");
            }
        }
        return out;
    }

    private static Set<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return new java.util.HashSet<>();
        }
        return java.util.Arrays.stream(addresses)
                .map(a -> ((InternetAddress) a).getAddress().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }

    private static Map<String, String> headers(MimeMessage message) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.putIfAbsent(h.getName(), decode(MimeUtility.unfold(h.getValue())));
        }
        return headers;
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }

    /** Collects bodies and attachments from a part tree, depth first. */
    private static final class Bodies {
        String text;
        String html;
        final List<ReceivedAttachment> attachments = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
            } else if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                String name = part.getFileName() == null ? "" : decode(part.getFileName());
                String type =
                        new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
                attachments.add(
                        new ReceivedAttachment(name, type, part.getInputStream().readAllBytes()));
            } else if (part.isMimeType("text/plain") && text == null) {
                text = part.getContent().toString();
            } else if (part.isMimeType("text/html") && html == null) {
                html = part.getContent().toString();
            }
        }
    }
}
