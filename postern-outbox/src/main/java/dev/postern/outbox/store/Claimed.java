package dev.postern.outbox.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a dispatcher claimed and must now try to send, then {@link Store#settle}.
 *
 * @param round how many times the message has been claimed, this claim included (1 the first time)
 * @param email the structured message as JSON
 * @param rawMime the bytes as received over SMTP, or null
 */
public record Claimed(String id, Instant createdAt, int round, byte[] email, byte[] rawMime, String envelope) {
    public Claimed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(email, "email");
    }
}
