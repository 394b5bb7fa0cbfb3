package dev.postern;

import java.util.Objects;

/**
 * What one send did for one recipient, when a provider answered for it. Recipients without an
 * outcome were not reached: the message was deferred or rejected before any provider took them.
 *
 * @param address the recipient's address ({@code a@b})
 * @param provider the provider that took or refused the recipient
 * @param providerMessageId that provider's id for the message, when it took the recipient; else ""
 * @param detail the provider's reply for a refused recipient; else ""
 */
public record RecipientOutcome(
        String address, Verdict verdict, String provider, String providerMessageId, String detail) {

    public RecipientOutcome {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "provider_message_id");
        Objects.requireNonNull(detail, "detail");
    }

    /** A provider's answer for one recipient. */
    public enum Verdict {
        /** The provider took responsibility for the message to this recipient. */
        ACCEPTED,
        /** Refused for good (unknown or suppressed mailbox): not tried again. */
        REFUSED,
        /** Refused for now (greylisting, a busy or full mailbox): tried again later. */
        REFUSED_TEMPORARILY
    }
}
