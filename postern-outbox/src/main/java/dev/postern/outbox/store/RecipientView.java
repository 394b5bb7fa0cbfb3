package dev.postern.outbox.store;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one recipient of a message stands, in the shape of {@code GET /v1/messages/{id}}'s {@code
 * recipients}. A provider may take some recipients and refuse others: each is then settled on its
 * own, and a recipient refused only for now stays pending for the next round.
 *
 * @param provider the provider that took or refused the recipient, if one answered
 * @param providerMessageId that provider's id for the message, when it took the recipient
 * @param detail the provider's reply for a refused or pending recipient, or why it failed; else ""
 */
public record RecipientView(
        String address, Status status, Optional<String> provider, Optional<String> providerMessageId, String detail) {

    public RecipientView {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "provider_message_id");
        Objects.requireNonNull(detail, "detail");
    }

    /** A recipient no provider has answered for yet. */
    public static RecipientView pending(String address) {
        return new RecipientView(address, Status.PENDING, Optional.empty(), Optional.empty(), "");
    }

    /** A recipient's standing. */
    public enum Status {
        /** A provider took the message for this recipient. */
        DELIVERED,
        /** It will not reach this recipient: refused for good, rejected, or past {@code max_age}. */
        FAILED,
        /** Not reached yet, or refused for now: tried again in the next round. */
        PENDING,
        /**
         * Not sent to, and never will be by this message: the address is on the suppression list
         * (the detail names the list entry's reason and provider). No attempt included it.
         */
        SUPPRESSED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }
}
