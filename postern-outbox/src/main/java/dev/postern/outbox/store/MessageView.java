package dev.postern.outbox.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the outbox knows about one message, in the shape of {@code GET /v1/messages/{id}}.
 *
 * @param provider the provider that accepted it, when delivered
 * @param providerMessageId that provider's id for it, when delivered
 * @param deliveredAt when a provider accepted it
 * @param dueAt when it is next tried (for {@code sending}: when its lease expires)
 * @param detail why it stands where it does, in a line (empty when just queued)
 * @param payloadKept false once the payload was purged after the retention period
 * @param attempts every attempt, oldest first
 * @param submitter who handed it over ({@link Submitter#UNSCOPED} when stored before that was kept)
 * @param recipients each recipient's standing, once a round has run (empty before)
 */
public record MessageView(
        String id,
        MessageStatus status,
        Optional<String> provider,
        Optional<String> providerMessageId,
        Instant createdAt,
        Optional<Instant> deliveredAt,
        Instant dueAt,
        String detail,
        boolean payloadKept,
        List<AttemptView> attempts,
        Submitter submitter,
        List<RecipientView> recipients) {

    public MessageView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(dueAt, "due_at");
        Objects.requireNonNull(detail, "detail");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(submitter, "submitter");
        recipients = List.copyOf(recipients);
    }
}
