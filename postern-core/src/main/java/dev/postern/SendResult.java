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
 * @param detail why the message stands where it does, in a line (the deciding outcome's detail,
 *     or what kept every provider from trying)
 */
public record SendResult(String messageId, Status status, List<Attempt> attempts, String detail) {

    public SendResult {
        attempts = List.copyOf(attempts);
        java.util.Objects.requireNonNull(detail, "detail");
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

    /** The provider that accepted the message (its last part, when split), when delivered. */
    public Optional<String> provider() {
        return status == Status.DELIVERED ? lastAttempt().map(Attempt::provider) : Optional.empty();
    }

    /** The provider's own id for the message (its last part, when split), when delivered. */
    public Optional<String> providerMessageId() {
        return lastAttempt()
                .map(Attempt::outcome)
                .filter(SendOutcome.Accepted.class::isInstance)
                .map(o -> ((SendOutcome.Accepted) o).providerMessageId());
    }

    /** True when an attempt may have reached a provider before another one accepted. */
    public boolean possibleDuplicate() {
        return status == Status.DELIVERED && attempts.stream().anyMatch(Attempt::ambiguous);
    }
}
