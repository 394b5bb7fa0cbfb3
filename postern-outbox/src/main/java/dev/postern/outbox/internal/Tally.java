package dev.postern.outbox.internal;

import dev.postern.outbox.OutboxCounts;
import dev.postern.outbox.store.Settlement;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the outbox accepts and how rounds settle; read by metrics, never consulted for delivery. */
public final class Tally {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong possibleDuplicates = new AtomicLong();

    public void accepted() {
        accepted.incrementAndGet();
    }

    void settled(Settlement settlement) {
        switch (settlement) {
            case Settlement.Delivered d -> delivered.incrementAndGet();
            case Settlement.Deferred d -> deferred.incrementAndGet();
            case Settlement.Failed f -> failed.incrementAndGet();
        }
    }

    void possibleDuplicates(long attempts) {
        possibleDuplicates.addAndGet(attempts);
    }

    public OutboxCounts snapshot() {
        return new OutboxCounts(
                accepted.get(), delivered.get(), deferred.get(), failed.get(), possibleDuplicates.get());
    }
}
