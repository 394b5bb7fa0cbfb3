package dev.postern;

import dev.postern.provider.SendOutcome;
import java.util.List;
import java.util.Optional;

/**
 * What became of one {@link Postern#send}: its status and every attempt made, in order.
 *
 * <p>When a provider takes fewer recipients per message than the message has, the message is sent
 * in parts, each its own attempt under the one message id. It is {@link Status#DELIVERED} only
 * when every part was accepted; otherwise the status is what the first part that was not accepted
 * settled (or {@link Status#DEFERRED}), {@link #detail} starts with how many recipients were
 * accepted, and the accepted parts are among the attempts.
 *
 * @param messageId Postern's id of the message, also sent to providers as {@code X-Postern-Id}
 * <p>A provider may take some recipients and refuse others ({@link SendOutcome.Accepted#refused},
 * {@link SendOutcome.RecipientsRefused}). The message is then {@link Status#DELIVERED} when every
 * recipient was taken or refused for good and at least one was taken, {@link Status#DEFERRED}
 * while a recipient was refused only for now, and {@link Status#REJECTED} when every recipient
 * was refused for good; {@link #recipients} says which.
 *
 * @param detail why the message stands where it does, in a line (the deciding outcome's detail,
 *     or what kept every provider from trying)
 * @param recipients each recipient a provider answered for, in the order they were answered
 */
public record SendResult(
        String messageId, Status status, List<Attempt> attempts, String detail, List<RecipientOutcome> recipients) {

    public SendResult {
        attempts = List.copyOf(attempts);
        java.util.Objects.requireNonNull(detail, "detail");
        recipients = List.copyOf(recipients);
    }

    /** A result in which no provider answered for single recipients. */
    public SendResult(String messageId, Status status, List<Attempt> attempts, String detail) {
        this(messageId, status, attempts, detail, List.of());
    }

    /** Where the message stands after the send. */
    public enum Status {
        /** A provider took responsibility for the message. */
        DELIVERED,
        /**
         * The message is unacceptable anywhere: a provider rejected it, or no configured provider
         * can carry it. Trying again will not help.
         */
        REJECTED,
        /**
         * No provider took it now (all failed, were out of rotation, or the answer was ambiguous
         * under {@code on_ambiguous: defer}); it may be retried later.
         */
        DEFERRED
    }

    /** The attempt that settled the message: the accepted or rejected one, else the last. */
    public Optional<Attempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }

    /** The provider that accepted the message (its last accepted part, when split), when delivered. */
    public Optional<String> provider() {
        return status == Status.DELIVERED ? lastAccepted().map(Attempt::provider) : Optional.empty();
    }

    /** The provider's own id for the message (its last accepted part, when split), when delivered. */
    public Optional<String> providerMessageId() {
        return lastAccepted().map(a -> ((SendOutcome.Accepted) a.outcome()).providerMessageId());
    }

    private Optional<Attempt> lastAccepted() {
        return attempts.reversed().stream().filter(Attempt::accepted).findFirst();
    }

    /** True when an attempt may have reached a provider before another one accepted. */
    public boolean possibleDuplicate() {
        return status == Status.DELIVERED && attempts.stream().anyMatch(Attempt::ambiguous);
    }
}
