package dev.postern.outbox.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to store.
 *
 * @param submitter who handed it over; its idempotency key is looked up among that submitter's
 * @param idempotencyKey the client's key, or null
 * @param email the structured message as JSON (for raw MIME: the parsed message used for routing)
 * @param rawMime the message exactly as received over SMTP, or null for API mail
 * @param envelope the SMTP envelope as JSON, or null
 */
public record NewMessage(
        String id,
        Instant createdAt,
        Submitter submitter,
        String idempotencyKey,
        byte[] email,
        byte[] rawMime,
        String envelope) {
    public NewMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(email, "email");
    }

    /** A message from {@link Submitter#UNSCOPED}. */
    public NewMessage(
            String id, Instant createdAt, String idempotencyKey, byte[] email, byte[] rawMime, String envelope) {
        this(id, createdAt, Submitter.UNSCOPED, idempotencyKey, email, rawMime, envelope);
    }
}
