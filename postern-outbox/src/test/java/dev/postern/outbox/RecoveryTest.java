package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.MessageView;
import dev.postern.provider.HealthResult;
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

/** Acceptance: all providers down for a while, then one recovers — every queued message flows at once. */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void whenAProviderRecoversEveryDeferredMessageIsDeliveredWithinSecondsNoneLostNoneFailed() {
        ScriptedProvider primary = down("primary");
        ScriptedProvider backup = down("backup");
        try (Harness h = new Harness(dir, Harness.config(), primary, backup)) {
            List<String> ids = new ArrayList<>();
            // Mail keeps arriving through a 20-minute outage: what was tried before both providers
            // left rotation is deferred further out each round; what came after waits unclaimed.
            for (int minute = 0; minute < 20; minute++) {
                for (int i = 0; i < 5; i++) {
                    ids.add(h.outbox.accept(Mail.receipt()).id());
                }
                h.run(Duration.ofMinutes(1), Duration.ofSeconds(1));
            }
            assertThat(ids)
                    .allSatisfy(
                            id -> assertThat(h.find(id).status()).isIn(MessageStatus.DEFERRED, MessageStatus.QUEUED));
            assertThat(ids).anySatisfy(id -> assertThat(h.find(id).status()).isEqualTo(MessageStatus.DEFERRED));
            assertThat(ids).anySatisfy(id -> assertThat(h.find(id).status()).isEqualTo(MessageStatus.QUEUED));

            backup.always(new SendOutcome.Accepted("backup-ok")).healthAlways(HealthResult.up());
            h.run(Duration.ofMinutes(2), Duration.ofSeconds(1));

            Instant recovered =
                    h.events(PosternEvent.ProviderRecovered.class).getFirst().at();
            assertThat(ids).allSatisfy(id -> {
                MessageView view = h.find(id);
                assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
                assertThat(view.provider()).contains("backup");
                assertThat(Duration.between(recovered, view.deliveredAt().orElseThrow()))
                        .isLessThanOrEqualTo(Duration.ofSeconds(2));
            });
            assertThat(h.events(PosternEvent.MessageFailed.class)).isEmpty();
        }
    }

    @Test
    void closingBreakerMakesDeferredMailDueAtOnce() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .then(new SendOutcome.Unavailable("503"))
                .healthAlways(HealthResult.up());
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            assertThat(h.find(id).dueAt()).isEqualTo(h.time.instant().plusSeconds(30));

            h.postern.publish(new PosternEvent.BreakerClosed(h.time.instant(), "primary"));
            h.dispatch();

            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED);
        }
    }

    private static ScriptedProvider down(String name) {
        return ScriptedProvider.accepting(name)
                .always(new SendOutcome.Unavailable("connection refused"))
                .healthAlways(HealthResult.down("connection refused"));
    }
}
