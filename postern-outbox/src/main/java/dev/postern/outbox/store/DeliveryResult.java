package dev.postern.outbox.store;

import java.time.Instant;
import java.util.Objects;

/** What one POST of a claimed {@link EventDelivery} came to; see {@link Store#settleDelivery}. */
public sealed interface DeliveryResult {

    /** The receiver answered 2xx: never sent again. */
    record Delivered(Instant at) implements DeliveryResult {
        public Delivered {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Not taken (an error, a timeout, a non-2xx answer): tried again at {@code dueAt}. */
    record Retry(Instant dueAt, String detail) implements DeliveryResult {
        public Retry {
            Objects.requireNonNull(dueAt, "due_at");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Not taken, and the retry bound is spent: recorded as failed, never sent again. */
    record GaveUp(Instant at, String detail) implements DeliveryResult {
        public GaveUp {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
