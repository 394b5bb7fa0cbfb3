package dev.postern.outbox.store;

import java.time.Instant;
import java.util.Objects;

/** What a round of attempts did to a claimed message. */
public sealed interface Settlement {

    /** A provider took responsibility for the message at {@code at}. */
    record Delivered(Instant at, String provider, String providerMessageId, String detail) implements Settlement {
        public Delivered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(providerMessageId, "provider_message_id");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** No provider took it; try again at {@code dueAt}. */
    record Deferred(Instant dueAt, String detail) implements Settlement {
        public Deferred {
            Objects.requireNonNull(dueAt, "due_at");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** It will not be delivered: rejected, or past its maximum age. */
    record Failed(Instant at, String detail) implements Settlement {
        public Failed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
