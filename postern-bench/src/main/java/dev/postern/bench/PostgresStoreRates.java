package dev.postern.bench;

import dev.postern.MessageIds;
import dev.postern.email.Email;
import dev.postern.outbox.store.AttemptView;
import dev.postern.outbox.store.Claimed;
import dev.postern.outbox.store.EmailJson;
import dev.postern.outbox.store.NewMessage;
import dev.postern.outbox.store.Settlement;
import dev.postern.outbox.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Store-level rates on PostgreSQL (docs/scaling.md): durable accepts per second from 1, 8 and 32
 * writers, then dispatch rounds per second (claim batches of 128 with {@code FOR UPDATE SKIP
 * LOCKED}, settle each as delivered with one attempt) from 4 dispatchers, on an empty database
 * named by the argument ({@code postgresql://postgres@127.0.0.1:5432/postern_bench}). A plain
 * program rather than JMH: each phase is timed once over its whole run.
 */
public final class PostgresStoreRates {
    private static final Duration RUN = Duration.ofSeconds(10);

    private PostgresStoreRates() {}

    public static void main(String[] args) throws Exception {
        byte[] payload = EmailJson.write(Email.builder()
                .from("Shop <orders@shop.example>")
                .to("ada@example.com")
                .subject("Your receipt")
                .text("x".repeat(900))
                .build());
        MessageIds ids = new MessageIds(Clock.systemUTC());
        try (Store store = Store.open(args[0], 16)) {
            for (int writers : new int[] {1, 8, 32}) {
                double rate = run(
                        writers,
                        () -> store.insert(
                                new NewMessage(ids.next(), Instant.now(), null, payload, null, null),
                                Duration.ofHours(24)));
                System.out.printf("accepts, %2d writers: %8.0f /s%n", writers, rate);
            }
            AtomicLong settled = new AtomicLong();
            long start = System.nanoTime();
            run(4, () -> {
                Instant now = Instant.now();
                String owner = Thread.currentThread().getName();
                List<Claimed> batch = store.claim(now, 128, owner, Duration.ofSeconds(120));
                for (Claimed c : batch) {
                    AttemptView attempt =
                            new AttemptView("bench", now, Duration.ofMillis(1), "accepted", "", List.of(), false);
                    store.settle(
                            c.id(),
                            owner,
                            c.round(),
                            List.of(attempt),
                            new Settlement.Delivered(now, "bench", "b-" + c.id(), ""));
                    settled.incrementAndGet();
                }
                return batch.size();
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "dispatched (claimed and settled), 4 dispatchers: %8.0f /s (%d messages)%n",
                    settled.get() / seconds, settled.get());
        }
    }

    interface Op {
        Object run() throws Exception;
    }

    /** Runs {@code op} on {@code threads} threads for {@link #RUN}; answers operations per second. */
    private static double run(int threads, Op op) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + RUN.toNanos();
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofPlatform().name("bench-" + i).start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        op.run();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : running) {
            t.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
