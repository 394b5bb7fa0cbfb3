package dev.postern.provider;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A provider's answer to one attempt: exactly one of seven cases, each telling routing what to do.
 * Outcomes are values, not exceptions (see docs/adr/0001): every caller handles every case with an
 * exhaustive {@code switch}, and adding a case breaks each switch that forgot it.
 */
public sealed interface SendOutcome {

    /** A short, human-readable explanation, safe to log and show (never a credential). */
    String detail();

    /**
     * The outcome's name in the API, metrics and the outbox: {@code accepted}, {@code rejected},
     * {@code unavailable}, {@code rate_limited}, {@code misconfigured} or {@code ambiguous}.
     */
    default String wireName() {
        return switch (this) {
            case Accepted a -> "accepted";
            case Rejected r -> "rejected";
            case RecipientsRefused r -> "recipients_refused";
            case Unavailable u -> "unavailable";
            case RateLimited r -> "rate_limited";
            case Misconfigured m -> "misconfigured";
            case Ambiguous a -> "ambiguous";
        };
    }

    /**
     * The provider took responsibility for the message. That is not "delivered to the inbox": the
     * provider may still bounce it later. When the provider refused some recipients and took the
     * others (SMTP {@code RCPT TO} answers), {@code refused} names them; the message went to the
     * rest.
     */
    record Accepted(String providerMessageId, List<RefusedRecipient> refused) implements SendOutcome {
        public Accepted {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            refused = List.copyOf(refused);
        }

        /** Accepted for every recipient. */
        public Accepted(String providerMessageId) {
            this(providerMessageId, List.of());
        }

        @Override
        public String detail() {
            return refused.isEmpty()
                    ? "accepted as " + providerMessageId
                    : "accepted as " + providerMessageId + " except " + list(refused);
        }
    }

    /**
     * The provider took none of the message's recipients, each refused for a reason of its own
     * (unknown mailbox, greylisting, a full or busy mailbox): the provider itself works. Routing
     * neither fails over nor charges the provider; permanently refused recipients fail, the others
     * are tried again later.
     */
    record RecipientsRefused(List<RefusedRecipient> refused) implements SendOutcome {
        public RecipientsRefused {
            refused = List.copyOf(refused);
            if (refused.isEmpty()) {
                throw new IllegalArgumentException("refused must name at least one recipient, but was []");
            }
        }

        @Override
        public String detail() {
            return "every recipient refused: " + list(refused);
        }
    }

    /**
     * The message itself is unacceptable anywhere (invalid or suppressed recipient, malformed
     * content). Routing does not fail over and does not charge the provider's breaker.
     */
    record Rejected(String reason) implements SendOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /**
     * Provider-side trouble: connect failure, 5xx, SMTP 4xx, TLS failure. Routing fails over and
     * charges the breaker.
     */
    record Unavailable(String reason) implements SendOutcome {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /**
     * The provider asked us to slow down. Routing fails over and lets the provider cool down until
     * {@code retryAfter} has passed (a default when the provider did not say); the breaker is not
     * charged, because a rate limit is not an outage.
     *
     * @param retryAfter how long the provider asked us to wait, or null when it did not say
     */
    record RateLimited(Duration retryAfter, String reason) implements SendOutcome {
        public RateLimited {
            Objects.requireNonNull(reason, "reason");
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must be >= 0, but was " + retryAfter);
            }
        }

        public Optional<Duration> retryAfterIfStated() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public String detail() {
            return retryAfter == null ? reason : reason + " (retry after " + retryAfter + ")";
        }
    }

    /**
     * Our credentials or account settings are wrong (HTTP 401/403, SMTP 535). Routing fails over,
     * takes the provider out of rotation until a health check passes, and alerts at once.
     */
    record Misconfigured(String reason) implements SendOutcome {
        public Misconfigured {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /**
     * The request was fully sent but no answer came (read timeout, reset after the body or after
     * SMTP's final dot): the provider may or may not have the message. Routing follows the
     * {@code on_ambiguous} policy and marks the attempt as a possible duplicate.
     */
    record Ambiguous(String reason) implements SendOutcome {
        public Ambiguous {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    private static String list(List<RefusedRecipient> refused) {
        return refused.stream().map(RefusedRecipient::toString).collect(Collectors.joining(", "));
    }
}
