package dev.postern.spring.mail;

import dev.postern.Postern;
import dev.postern.SendResult;
import dev.postern.email.Email;
import dev.postern.email.InvalidEmailException;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxUnavailableException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;

/**
 * A {@link JavaMailSender} that hands each message to Postern, so existing code that sends with
 * Spring gets failover unchanged. Without an outbox, {@code send} returns once a provider accepted
 * the message and throws {@link MailSendException} otherwise, each failed message mapped to an
 * {@link UndeliveredException} that carries Postern's {@link SendResult}. With an outbox, {@code
 * send} returns once the message is durably stored; the outbox delivers it with retries.
 *
 * <p>Like Spring's own sender, every message is tried, and one exception at the end names all
 * that failed.
 */
public final class PosternMailSender implements JavaMailSender {
    private final Postern postern;
    private final Outbox outbox;

    /** Sends directly through {@code postern}. */
    public PosternMailSender(Postern postern) {
        this(postern, null);
    }

    /** Stores into {@code outbox}, which delivers through {@code postern}; null sends directly. */
    public PosternMailSender(Postern postern, Outbox outbox) {
        this.postern = Objects.requireNonNull(postern, "postern");
        this.outbox = outbox;
    }

    @Override
    public MimeMessage createMimeMessage() {
        return new MimeMessage(MimeEmails.SESSION);
    }

    @Override
    public MimeMessage createMimeMessage(InputStream content) {
        try {
            return new MimeMessage(MimeEmails.SESSION, content);
        } catch (MessagingException e) {
            throw new MailParseException("could not read the MIME message", e);
        }
    }

    @Override
    public void send(MimeMessage... messages) {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (MimeMessage message : messages) {
            Exception failure = sendOne(message);
            if (failure != null) {
                failed.put(message, failure);
            }
        }
        if (!failed.isEmpty()) {
            Exception first = failed.values().iterator().next();
            throw new MailSendException(
                    failed.size() + " of " + messages.length + " messages not sent; first: " + first.getMessage(),
                    first,
                    failed);
        }
    }

    @Override
    public void send(SimpleMailMessage... messages) {
        MimeMessage[] mime = new MimeMessage[messages.length];
        for (int i = 0; i < messages.length; i++) {
            MimeMailMessage wrapper = new MimeMailMessage(createMimeMessage());
            messages[i].copyTo(wrapper);
            mime[i] = wrapper.getMimeMessage();
        }
        send(mime);
    }

    /** Null when the message was accepted (or stored), else why not. */
    private Exception sendOne(MimeMessage message) {
        Email email;
        try {
            email = MimeEmails.read(message);
        } catch (MessagingException | IOException | InvalidEmailException e) {
            return new MailParseException("could not read the message: " + e.getMessage(), e);
        }
        if (outbox != null) {
            try {
                outbox.accept(email);
                return null;
            } catch (OutboxUnavailableException e) {
                return e;
            }
        }
        SendResult result = postern.send(email);
        return result.status() == SendResult.Status.DELIVERED ? null : new UndeliveredException(result);
    }
}
