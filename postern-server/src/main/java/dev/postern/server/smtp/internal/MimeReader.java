package dev.postern.server.smtp.internal;

import dev.postern.email.Email;
import dev.postern.outbox.store.Envelope;
import dev.postern.provider.mime.MimeContent;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a received message into the {@link Email} that routing and the providers without raw MIME
 * see. The envelope decides who receives it: header {@code To}/{@code Cc} addresses that are also
 * envelope recipients keep their field, every other envelope recipient becomes {@code bcc}, and a
 * header address that is not an envelope recipient is left out (it was not meant to get this
 * copy). Everything else is read as {@link MimeContent} reads it.
 */
final class MimeReader {
    private MimeReader() {}

    /**
     * @throws MessagingException or {@link IOException} when the MIME structure cannot be read
     * @throws dev.postern.email.InvalidEmailException when the content breaks {@link Email}'s rules
     */
    static Email read(byte[] mime, Envelope envelope) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(MimeContent.SESSION, new ByteArrayInputStream(mime));
        Email.Builder email = Email.builder();
        email.from(MimeContent.sender(message));
        recipients(message, envelope, email);
        for (InternetAddress replyTo : MimeContent.addresses(message, "Reply-To")) {
            email.replyTo(MimeContent.address(replyTo));
        }
        MimeContent.readContent(message, email);
        return email.build();
    }

    private static void recipients(MimeMessage message, Envelope envelope, Email.Builder email)
            throws MessagingException {
        Map<String, String> remaining = new LinkedHashMap<>();
        envelope.recipients().forEach(r -> remaining.putIfAbsent(r.toLowerCase(Locale.ROOT), r));
        for (InternetAddress to : MimeContent.addresses(message, "To")) {
            if (remaining.remove(to.getAddress().toLowerCase(Locale.ROOT)) != null) {
                email.to(MimeContent.address(to));
            }
        }
        for (InternetAddress cc : MimeContent.addresses(message, "Cc")) {
            if (remaining.remove(cc.getAddress().toLowerCase(Locale.ROOT)) != null) {
                email.cc(MimeContent.address(cc));
            }
        }
        remaining.values().forEach(email::bcc);
    }
}
