package dev.postern.bench.e2e;

import dev.postern.MessageIds;
import dev.postern.email.Email;
import dev.postern.outbox.store.EmailJson;
import dev.postern.outbox.store.NewMessage;
import dev.postern.outbox.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a store with queued messages before the gateway starts, through the store's own insert
 * (group commit from many writers): the fastest honest way to a large backlog, since accepting a
 * million messages over HTTP would take minutes of the run for no extra information.
 */
final class Fill {
    private static final int WRITERS = 64;

    private Fill() {}

    /** Inserts {@code count} messages of about {@code bytes} bytes into {@code location}; answers seconds taken. */
    static double store(String location, long count, int bytes) throws InterruptedException {
        byte[] payload = EmailJson.write(Email.builder()
                .from(Gateway.FROM)
                .to("ada@example.com")
                .subject("Your receipt")
                .text("x".repeat(Math.max(1, bytes - 124)))
                .build());
        MessageIds ids = new MessageIds(Clock.systemUTC());
        AtomicLong left = new AtomicLong(count);
        long start = System.nanoTime();
        try (Store store = Store.open(location, 512)) {
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(Thread.ofVirtual().start(() -> {
                    while (left.getAndDecrement() > 0) {
                        store.insert(
                                new NewMessage(ids.next(), Instant.now(), null, payload, null, null),
                                Duration.ofHours(24));
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
