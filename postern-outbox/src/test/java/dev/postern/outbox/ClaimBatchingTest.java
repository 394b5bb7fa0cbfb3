package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.Store;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher at its concurrency refills in batches: each claim is a store transaction, so one per
 * finished send would cost a transaction per message on top of its settle.
 */
class ClaimBatchingTest {
    private static final int CONCURRENCY = 16;
    private static final int MESSAGES = 80;

    @TempDir
    Path dir;

    @Test
    void aSaturatedDispatcherWaitsForAQuarterOfItsSlotsBeforeClaimingAgain() throws InterruptedException {
        OutboxConfig config = Harness.config().withConcurrency(CONCURRENCY);
        CountingStore counting =
                new CountingStore(Store.open("sqlite:" + dir.resolve("postern.db"), config.maxWriteBatch()));
        Semaphore sends = new Semaphore(0);
        ScriptedProvider sink = ScriptedProvider.accepting("sink").during(sends::acquireUninterruptibly);
        try (Harness h = new Harness(dir, config, counting.store(), sink)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                ids.add(h.outbox.accept(Mail.receipt()).id());
            }
            Thread pump = Thread.ofPlatform().start(h::dispatch);

            // Sends finish one by one, each settled before the next ends: the way a saturated
            // dispatcher sees its slots free up.
            for (int done = 1; done <= MESSAGES; done++) {
                sends.release();
                long settled = done;
                await().atMost(Duration.ofSeconds(10)).until(() -> counting.calls("settle") >= settled);
            }
            pump.join(Duration.ofSeconds(10));

            assertThat(ids).allSatisfy(id -> assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED));
            List<Integer> limits = counting.arguments("claim").stream()
                    .map(args -> (Integer) args.get(1))
                    .toList();
            assertThat(limits).allSatisfy(limit -> assertThat(limit).isGreaterThanOrEqualTo(CONCURRENCY / 4));
            assertThat(limits).hasSizeLessThanOrEqualTo(1 + MESSAGES / (CONCURRENCY / 4));
        }
    }
}
