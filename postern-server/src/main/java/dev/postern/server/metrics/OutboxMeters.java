package dev.postern.server.metrics;

import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxCounts;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.outbox.store.StoreException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/** The outbox's counts and its queue, read at each scrape. */
final class OutboxMeters {
    private OutboxMeters() {}

    static void register(MeterRegistry registry, Outbox outbox) {
        counter(registry, outbox, "accepted", "Messages accepted (stored durably)", OutboxCounts::accepted);
        counter(registry, outbox, "delivered", "Messages a provider took responsibility for", OutboxCounts::delivered);
        counter(
                registry,
                outbox,
                "deferred",
                "Rounds that ended with the message deferred for a retry",
                OutboxCounts::deferred);
        counter(registry, outbox, "failed", "Messages that will not be delivered", OutboxCounts::failed);
        counter(
                registry,
                outbox,
                "possible_duplicates",
                "Attempts that may have handed a message over a second time: abandoned when their provider turned"
                        + " suspect after it took the message, or made by a round that lost its claim",
                OutboxCounts::possibleDuplicates);
        Gauge.builder("postern.queue.depth", outbox, Outbox::depth)
                .description("Messages waiting: queued, sending or deferred")
                .register(registry);
        Gauge.builder("postern.queue.oldest.age", outbox, OutboxMeters::oldestSeconds)
                .description("How long the oldest waiting message has waited")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("postern.suppressions", outbox, OutboxMeters::suppressions)
                .description("Addresses on the suppression list, which no provider is sent to")
                .register(registry);
    }

    private static double suppressions(Outbox outbox) {
        try {
            return outbox.suppressions().count();
        } catch (StoreException e) {
            return Double.NaN; // a scrape never fails because the store does
        }
    }

    private static void counter(
            MeterRegistry registry,
            Outbox outbox,
            String what,
            String description,
            ToLongFunction<OutboxCounts> count) {
        FunctionCounter.builder("postern.messages." + what, outbox, o -> count.applyAsLong(o.counts()))
                .description(description)
                .register(registry);
    }

    private static double oldestSeconds(Outbox outbox) {
        try {
            return outbox.oldestQueuedAge().toMillis() / 1000.0;
        } catch (OutboxUnavailableException e) {
            return Double.NaN; // a scrape never fails because the store does
        }
    }
}
