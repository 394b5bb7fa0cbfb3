package dev.postern.spring.mail;

import dev.postern.email.Email;
import dev.postern.provider.mime.MimeContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads an application's {@link MimeMessage} into the {@link Email} Postern routes: {@code From},
 * {@code To}, {@code Cc}, {@code Bcc} and {@code Reply-To} from the headers, everything else as
 * {@link MimeContent} reads it.
 */
final class MimeEmails {
    static final Session SESSION = MimeContent.SESSION;

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
        email.from(MimeContent.sender(message));
        for (InternetAddress a : MimeContent.addresses(message, "To")) {
            email.to(MimeContent.address(a));
        }
        for (InternetAddress a : MimeContent.addresses(message, "Cc")) {
            email.cc(MimeContent.address(a));
        }
        for (InternetAddress a : MimeContent.addresses(message, "Bcc")) {
            email.bcc(MimeContent.address(a));
        }
        for (InternetAddress a : MimeContent.addresses(message, "Reply-To")) {
            email.replyTo(MimeContent.address(a));
        }
        MimeContent.readContent(message, email);
        return email.build();
    }
}
