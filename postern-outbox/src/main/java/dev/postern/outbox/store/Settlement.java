package dev.postern.outbox.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a round of attempts did to a claimed message, and where each of its recipients stands
 * after it ({@link #recipients}; empty leaves the stored standing as it was).
 */
public sealed interface Settlement {

    /** Each recipient's standing after the round, stored with the settlement. */
    List<RecipientView> recipients();

    /**
     * A provider took responsibility for the message at {@code at} — for every recipient, or for
     * some while the others were refused for good.
     */
    record Delivered(
            Instant at, String provider, String providerMessageId, String detail, List<RecipientView> recipients)
            implements Settlement {
        public Delivered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(providerMessageId, "provider_message_id");
            Objects.requireNonNull(detail, "detail");
            recipients = List.copyOf(recipients);
        }

        public Delivered(Instant at, String provider, String providerMessageId, String detail) {
            this(at, provider, providerMessageId, detail, List.of());
        }
    }

    /** Not every recipient was reached; try the pending ones again at {@code dueAt}. */
    record Deferred(Instant dueAt, String detail, List<RecipientView> recipients) implements Settlement {
        public Deferred {
            Objects.requireNonNull(dueAt, "due_at");
            Objects.requireNonNull(detail, "detail");
            recipients = List.copyOf(recipients);
        }

        public Deferred(Instant dueAt, String detail) {
            this(dueAt, detail, List.of());
        }
    }

    /** It will not be delivered: rejected, every recipient refused, or past its maximum age. */
    record Failed(Instant at, String detail, List<RecipientView> recipients) implements Settlement {
        public Failed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(detail, "detail");
            recipients = List.copyOf(recipients);
        }

        public Failed(Instant at, String detail) {
            this(at, detail, List.of());
        }
    }
}
