package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.Store;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While no provider can take mail the dispatcher claims nothing (no store transaction per message),
 * mail flows as soon as a provider is back, and max_age still fails messages on time.
 */
class IdleDispatchTest {
    @TempDir
    Path dir;

    @Test
    void whileEveryProviderIsDrainedNothingIsClaimedAndMailFlowsAtTheNextTickAfterAnUndrain() {
        CountingStore counting = counting(Harness.config());
        try (Harness h =
                new Harness(dir, Harness.config(), counting.store(), accepting("primary"), accepting("backup"))) {
            h.postern.drain("primary");
            h.postern.drain("backup");

            List<String> ids = acceptUnderLoad(h, Duration.ofSeconds(10));

            assertThat(counting.calls("claim")).isZero();
            assertThat(counting.calls("settle")).isZero();
            // One look for expired mail when the dispatcher went idle, none per message.
            assertThat(counting.calls("claimExpired")).isLessThanOrEqualTo(1);
            assertThat(ids).allSatisfy(id -> assertThat(h.find(id).status()).isEqualTo(MessageStatus.QUEUED));

            h.postern.undrain("backup");
            Instant undrained = h.time.instant();
            h.time.advance(Harness.config().pollInterval());

            assertThat(ids).allSatisfy(id -> delivered(h.find(id), "backup", undrained, Duration.ofSeconds(1)));
        }
    }

    @Test
    void whileEveryBreakerIsHeldOpenNothingIsClaimedAndMailFlowsTheMomentOneCloses() {
        CountingStore counting = counting(Harness.slowPoll());
        try (Harness h =
                new Harness(dir, Harness.slowPoll(), counting.store(), accepting("primary"), accepting("backup"))) {
            h.postern.beginDrill("primary");
            h.postern.beginDrill("backup");

            List<String> ids = acceptUnderLoad(h, Duration.ofSeconds(10));

            assertThat(counting.calls("claim")).isZero();
            assertThat(counting.calls("settle")).isZero();

            h.postern.endDrill("backup"); // breaker_closed
            Instant closed = h.time.instant();
            h.dispatch();

            assertThat(ids).allSatisfy(id -> delivered(h.find(id), "backup", closed, Duration.ZERO));
        }
    }

    @Test
    void whileTheOnlyProviderCoolsNothingIsClaimedAndMailFlowsTheMomentItsCoolingEnds() {
        ScriptedProvider primary =
                accepting("primary").then(new SendOutcome.RateLimited(Duration.ofSeconds(30), "slow down"));
        // Ticks every 5 minutes: only the wake-up at the end of the cooling can send in time.
        CountingStore counting = counting(Harness.slowPoll());
        try (Harness h = new Harness(dir, Harness.slowPoll(), counting.store(), primary)) {
            h.outbox.accept(Mail.receipt());
            h.dispatch();
            Instant coolingEnds = h.time.instant().plusSeconds(30);
            counting.reset();

            List<String> ids = acceptUnderLoad(h, Duration.ofSeconds(20));
            assertThat(counting.calls("claim")).isZero();
            assertThat(counting.calls("settle")).isZero();

            h.time.advance(Duration.between(h.time.instant(), coolingEnds));

            assertThat(ids).allSatisfy(id -> delivered(h.find(id), "primary", coolingEnds, Duration.ZERO));
        }
    }

    @Test
    void aMessagePastMaxAgeFailsOnTimeWhileEveryProviderIsDrainedAndYoungerOnesStayUnclaimed() {
        OutboxConfig config = Harness.config().withMaxAge(Duration.ofMinutes(10));
        CountingStore counting = counting(config);
        try (Harness h = new Harness(dir, config, counting.store(), accepting("primary"))) {
            h.postern.drain("primary");
            Instant accepted = h.time.instant();
            String old = h.outbox.accept(Mail.receipt()).id();
            h.run(Duration.ofMinutes(5), Duration.ofSeconds(1));
            String young = h.outbox.accept(Mail.receipt()).id();

            h.run(Duration.ofMinutes(4).plusSeconds(59), Duration.ofSeconds(1));
            assertThat(h.find(old).status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(h.events(PosternEvent.MessageFailed.class)).isEmpty();

            h.run(Duration.ofSeconds(1), Duration.ofSeconds(1));

            MessageView view = h.find(old);
            assertThat(view.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(view.detail()).startsWith("not delivered within max_age PT10M: no provider is available");
            assertThat(h.events(PosternEvent.MessageFailed.class))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.messageId()).isEqualTo(old);
                        assertThat(e.at()).isEqualTo(accepted.plus(Duration.ofMinutes(10)));
                    });
            assertThat(h.find(young).status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(counting.calls("claim")).isZero();
            assertThat(counting.calls("settle")).isEqualTo(1);
        }
    }

    /** 100 messages a second for {@code period}, time moving in 100 ms steps as a live system's would. */
    private static List<String> acceptUnderLoad(Harness h, Duration period) {
        List<String> ids = new ArrayList<>();
        for (Duration done = Duration.ZERO; done.compareTo(period) < 0; done = done.plusMillis(100)) {
            for (int i = 0; i < 10; i++) {
                ids.add(h.outbox.accept(Mail.receipt()).id());
            }
            h.time.advance(Duration.ofMillis(100));
        }
        return ids;
    }

    private static void delivered(MessageView view, String provider, Instant from, Duration within) {
        assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(view.provider()).contains(provider);
        assertThat(Duration.between(from, view.deliveredAt().orElseThrow())).isBetween(Duration.ZERO, within);
    }

    private CountingStore counting(OutboxConfig config) {
        return new CountingStore(Store.open("sqlite:" + dir.resolve("postern.db"), config.maxWriteBatch()));
    }

    private static ScriptedProvider accepting(String name) {
        return ScriptedProvider.accepting(name);
    }
}
