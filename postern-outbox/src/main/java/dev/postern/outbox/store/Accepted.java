package dev.postern.outbox.store;

import java.util.Objects;

/**
 * The outbox's answer to an accept: the message is on disk (its transaction committed with a full
 * sync) and will be delivered or reported failed, even if the process dies the next instant.
 *
 * @param id the message id, the same one the HTTP API and SMTP's {@code 250 queued as} show
 * @param created false when an idempotency key matched an earlier message: {@code id} is that
 *     message's, and nothing new was stored
 */
public record Accepted(String id, boolean created) {
    public Accepted {
        Objects.requireNonNull(id, "id");
    }
}
