package dev.postern.server.smtp.internal;

import dev.postern.email.Email;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.outbox.store.Accepted;
import dev.postern.outbox.store.Envelope;
import dev.postern.outbox.store.Submitter;

/**
 * Where a received message goes: {@code outbox::acceptRaw} under the client's {@link Submitter}
 * (its SMTP user, or the trusted network) without an idempotency key. Returns only once the
 * message is durable, or throws {@link OutboxUnavailableException}.
 */
@FunctionalInterface
public interface Intake {
    Accepted accept(byte[] mime, Envelope envelope, Email parsed, Submitter submitter);
}
