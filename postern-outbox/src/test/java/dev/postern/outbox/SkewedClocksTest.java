package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.TestDatabases;
import dev.postern.provider.AttemptContext;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on one PostgreSQL database whose clocks are minutes apart: leases are stamped and
 * compared on the database's clock, so the gateway whose clock runs ahead never takes a message the
 * other is still sending, however late it believes that send to be.
 */
class SkewedClocksTest {
    private static final Duration SKEW = Duration.ofMinutes(5);

    @AfterAll
    static void dropDatabases() {
        TestDatabases.dropAll();
    }

    @Test
    void aGatewayWhoseClockIsMinutesAheadNeverSendsWhatAnotherIsStillSending() throws Exception {
        String database = TestDatabases.create();
        // A lease far shorter than the skew: on the gateways' own clocks, every lease of A would
        // look expired to B the moment it was taken.
        OutboxConfig config = OutboxConfig.DEFAULTS
                .withStore(database)
                .withLease(Duration.ofSeconds(30))
                .withPollInterval(Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        ScriptedProvider provider = ScriptedProvider.accepting("sink").during(() -> awaitQuietly(release));
        Clock ahead = Clock.offset(Clock.systemUTC(), SKEW);
        try (Outbox a =
                Outbox.open(config, postern(provider, Clock.systemUTC()), Clock.systemUTC(), Scheduler.system())) {
            List<String> ids = IntStream.range(0, 20)
                    .mapToObj(i -> a.accept(Mail.receipt()).id())
                    .toList();
            await().until(() -> provider.sends() == ids.size()); // every one on the wire, from A

            CountingStore b = new CountingStore(Store.open(database, 8));
            try (Outbox outboxB = Outbox.open(config, postern(provider, ahead), ahead, Scheduler.system(), b.store())) {
                await().until(() -> b.calls("claim") >= 5); // B looked for due mail, and found none
                assertThat(ids)
                        .allSatisfy(
                                id -> assertThat(outboxB.find(id).orElseThrow().status())
                                        .isEqualTo(MessageStatus.SENDING));
                release.countDown();
                await().until(() ->
                        ids.stream().allMatch(id -> a.find(id).orElseThrow().status() == MessageStatus.DELIVERED));
            }

            Map<String, Long> sends = provider.contexts().stream()
                    .collect(Collectors.groupingBy(AttemptContext::messageId, Collectors.counting()));
            assertThat(sends)
                    .hasSize(ids.size())
                    .allSatisfy((id, count) ->
                            assertThat(count).as("sends of " + id).isOne());
        } finally {
            release.countDown();
        }
    }

    private static Postern postern(ScriptedProvider provider, Clock clock) {
        return Postern.builder()
                .clock(clock)
                .provider("sink", provider, ProviderConfig.DEFAULTS)
                .build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
