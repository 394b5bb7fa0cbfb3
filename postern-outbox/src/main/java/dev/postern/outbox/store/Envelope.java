package dev.postern.outbox.store;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope a raw message arrived with: {@code MAIL FROM} and the {@code RCPT TO}s, which
 * may differ from the headers (bcc, mailing lists).
 *
 * @param mailFrom the reverse path; empty for a bounce ({@code MAIL FROM:<>})
 */
public record Envelope(String mailFrom, List<String> recipients) {
    public Envelope {
        Objects.requireNonNull(mailFrom, "mail_from");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients must not be empty, but was []");
        }
    }
}
