package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.AttemptView;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.MessageView;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: past max_age a message fails with an event; a rejection fails it at once. */
class FailureTest {
    @TempDir
    Path dir;

    @Test
    void messageStillDeferredAtMaxAgeFailsWithAMessageFailedEventAndIsNotTriedAgain() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary").always(new SendOutcome.Unavailable("503"));
        OutboxConfig config = Harness.config().withMaxAge(Duration.ofMinutes(10));
        try (Harness h = new Harness(dir, config, primary)) {
            var accepted = h.time.instant();
            String id = h.outbox.accept(Mail.receipt()).id();

            h.run(Duration.ofMinutes(9).plusSeconds(59), Duration.ofSeconds(1));
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DEFERRED);
            assertThat(h.events(PosternEvent.MessageFailed.class)).isEmpty();

            h.run(Duration.ofSeconds(1), Duration.ofSeconds(1));

            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(view.detail()).startsWith("not delivered within max_age PT10M");
            assertThat(h.events(PosternEvent.MessageFailed.class))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.messageId()).isEqualTo(id);
                        assertThat(e.at()).isEqualTo(accepted.plus(Duration.ofMinutes(10)));
                    });
            int sends = primary.sends();
            h.run(Duration.ofHours(1), Duration.ofSeconds(10));
            assertThat(primary.sends()).isEqualTo(sends);
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.FAILED);
        }
    }

    @Test
    void rejectedMessageFailsAtOnceWithAnEventAndNoFurtherAttempts() {
        ScriptedProvider primary =
                ScriptedProvider.accepting("primary").then(new SendOutcome.Rejected("recipient suppressed"));
        ScriptedProvider backup = ScriptedProvider.accepting("backup");
        try (Harness h = new Harness(dir, Harness.config(), primary, backup)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();

            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(view.detail()).isEqualTo("recipient suppressed");
            assertThat(view.attempts()).extracting(AttemptView::outcome).containsExactly("rejected");
            assertThat(h.events(PosternEvent.MessageFailed.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.messageId()).isEqualTo(id));

            h.run(Duration.ofHours(1), Duration.ofSeconds(10));
            assertThat(primary.sends()).isEqualTo(1);
            assertThat(backup.sends()).isZero();
        }
    }
}
