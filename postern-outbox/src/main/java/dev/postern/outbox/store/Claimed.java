package dev.postern.outbox.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message a dispatcher claimed and must now try to send, then {@link Store#settle}.
 *
 * @param round how many times the message has been claimed, this claim included (1 the first time)
 * @param email the structured message as JSON
 * @param rawMime the bytes as received over SMTP, or null
 * @param recipients each recipient's standing after the earlier rounds; empty before the first
 */
public record Claimed(
        String id,
        Instant createdAt,
        int round,
        byte[] email,
        byte[] rawMime,
        String envelope,
        List<RecipientView> recipients) {
    public Claimed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(email, "email");
        recipients = List.copyOf(recipients);
    }

    /** A message no round has answered for yet. */
    public Claimed(String id, Instant createdAt, int round, byte[] email, byte[] rawMime, String envelope) {
        this(id, createdAt, round, email, rawMime, envelope, List.of());
    }
}
