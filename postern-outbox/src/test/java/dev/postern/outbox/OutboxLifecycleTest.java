package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.outbox.store.Accepted;
import dev.postern.outbox.store.AttemptView;
import dev.postern.outbox.store.Envelope;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.Submitter;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void acceptedMessageIsQueuedUntilTheDispatcherRunsThenDeliveredWithItsAttempt() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary");
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            Accepted accepted = h.outbox.accept(Mail.receipt());

            assertThat(accepted.created()).isTrue();
            assertThat(h.find(accepted.id()).status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(primary.sends()).isZero();

            h.dispatch();

            MessageView view = h.find(accepted.id());
            assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(view.provider()).contains("primary");
            assertThat(view.providerMessageId()).contains("primary-1");
            assertThat(view.deliveredAt()).contains(h.time.instant());
            assertThat(view.attempts()).singleElement().satisfies(a -> {
                assertThat(a.provider()).isEqualTo("primary");
                assertThat(a.outcome()).isEqualTo("accepted");
                assertThat(a.ambiguous()).isFalse();
                assertThat(a.degraded()).isEmpty();
            });
            assertThat(primary.contexts().getFirst().messageId()).isEqualTo(accepted.id());
        }
    }

    @Test
    void failoverRecordsEveryAttemptInOrder() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary").always(new SendOutcome.Unavailable("503"));
        ScriptedProvider backup = ScriptedProvider.accepting("backup");
        try (Harness h = new Harness(dir, Harness.config(), primary, backup)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();

            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(view.provider()).contains("backup");
            assertThat(view.attempts()).extracting(AttemptView::provider).containsExactly("primary", "backup");
            assertThat(view.attempts()).extracting(AttemptView::outcome).containsExactly("unavailable", "accepted");
            assertThat(view.attempts().getFirst().detail()).isEqualTo("503");
        }
    }

    @Test
    void ambiguousAttemptIsMarkedSoAPossibleDuplicateIsVisible() {
        ScriptedProvider primary =
                ScriptedProvider.accepting("primary").then(new SendOutcome.Ambiguous("read timeout"));
        ScriptedProvider backup = ScriptedProvider.accepting("backup");
        try (Harness h = new Harness(dir, Harness.config(), primary, backup)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();

            assertThat(h.find(id).attempts()).extracting(AttemptView::ambiguous).containsExactly(true, false);
        }
    }

    @Test
    void deferredMessageIsRetriedOnTheBackoffScheduleUntilAProviderTakesIt() {
        SendOutcome down = new SendOutcome.Unavailable("503");
        ScriptedProvider primary = ScriptedProvider.accepting("primary").then(down, down, down);
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            var start = h.time.instant();
            h.dispatch();

            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DEFERRED);
            assertThat(h.find(id).dueAt()).isEqualTo(start.plusSeconds(30));
            h.time.advance(Duration.ofSeconds(30));
            assertThat(h.find(id).dueAt()).isEqualTo(start.plusSeconds(30 + 60));
            h.time.advance(Duration.ofSeconds(60));
            assertThat(h.find(id).dueAt()).isEqualTo(start.plusSeconds(30 + 60 + 120));
            h.time.advance(Duration.ofSeconds(119));
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DEFERRED);
            h.time.advance(Duration.ofSeconds(1));

            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(view.attempts())
                    .extracting(AttemptView::outcome)
                    .containsExactly("unavailable", "unavailable", "unavailable", "accepted");
        }
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstIdAndSendsOnce() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary");
        try (Harness h = new Harness(dir, Harness.slowPoll(), primary)) {
            Accepted first = h.outbox.accept(Mail.receipt(), "order-42");
            Accepted again = h.outbox.accept(Mail.receipt(), "order-42");
            h.dispatch();

            assertThat(again).isEqualTo(new Accepted(first.id(), false));
            assertThat(primary.sends()).isEqualTo(1);
            h.time.advance(Duration.ofHours(24));
            assertThat(h.outbox.accept(Mail.receipt(), "order-42").created()).isTrue();
        }
    }

    @Test
    void rawMimeMessageIsRoutedByItsParsedFormAndDelivered() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary");
        byte[] mime = "From: orders@shop.example\r\nTo: ada@example.com\r\nSubject: Your receipt\r\n\r\nThanks.\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Submitter relayUser = new Submitter("smtp_user:legacy-app");
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            String id = h.outbox
                    .acceptRaw(
                            mime,
                            new Envelope("orders@shop.example", List.of("ada@example.com")),
                            Mail.receipt(),
                            relayUser,
                            null)
                    .id();
            h.dispatch();

            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(h.find(id).submitter()).isEqualTo(relayUser);
            assertThat(primary.contexts().getFirst().messageId()).isEqualTo(id);
        }
    }

    @Test
    void payloadOfADeliveredMessageIsPurgedAfterRetentionAndItsRecordKept() {
        try (Harness h = new Harness(dir, Harness.slowPoll(), ScriptedProvider.accepting("primary"))) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            h.time.advance(Duration.ofDays(7));
            assertThat(h.find(id).payloadKept()).isTrue();

            h.time.advance(OutboxConfig.DEFAULTS.purgeInterval());

            MessageView view = h.find(id);
            assertThat(view.payloadKept()).isFalse();
            assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(view.attempts()).hasSize(1);
        }
    }

    @Test
    void payloadOfAFailedMessageIsPurgedAfterRetentionAndItsRecordKept() {
        ScriptedProvider primary =
                ScriptedProvider.accepting("primary").then(new SendOutcome.Rejected("recipient suppressed"));
        try (Harness h = new Harness(dir, Harness.slowPoll(), primary)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.FAILED);
            h.time.advance(Duration.ofDays(7));
            assertThat(h.find(id).payloadKept()).isTrue();

            h.time.advance(OutboxConfig.DEFAULTS.purgeInterval());

            MessageView view = h.find(id);
            assertThat(view.payloadKept()).isFalse();
            assertThat(view.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(view.detail()).isEqualTo("recipient suppressed");
            assertThat(view.attempts()).hasSize(1);
        }
    }

    @Test
    void recordsOfDeliveredAndFailedMessagesAreRemovedThirtyDaysOnAndPendingOnesStay() {
        ScriptedProvider primary =
                ScriptedProvider.accepting("primary").then(new SendOutcome.Rejected("recipient suppressed"));
        OutboxConfig config = Harness.slowPoll();
        try (Harness h = new Harness(dir, config, primary)) {
            String failed = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            String delivered = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            assertThat(h.find(failed).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(h.find(delivered).status()).isEqualTo(MessageStatus.DELIVERED);
            h.time.advance(Duration.ofDays(29));
            primary.always(new SendOutcome.Unavailable("503"));
            String waiting = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            assertThat(h.outbox.find(failed)).isPresent();
            assertThat(h.outbox.find(delivered)).isPresent();

            h.time.advance(Duration.ofDays(1).plus(config.purgeInterval()));

            assertThat(h.outbox.find(failed)).isEmpty();
            assertThat(h.outbox.find(delivered)).isEmpty();
            assertThat(h.find(waiting).status().isFinal()).isFalse();
        }
    }

    @Test
    void roundThatDiesWithAnErrorLeavesTheMessageToBeClaimedAgainWhenItsLeaseExpires() {
        boolean[] died = {false};
        ScriptedProvider primary = ScriptedProvider.accepting("primary").during(() -> {
            if (!died[0]) {
                died[0] = true;
                throw new AssertionError("the round dies mid-send");
            }
        });
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            h.dispatch();
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.SENDING);

            h.time.advance(OutboxConfig.DEFAULTS.lease());

            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(primary.sends()).isEqualTo(2);
        }
    }

    @Test
    void roundSlowerThanTheLeaseKeepsItsLeaseRenewedSoNoOneElseClaimsIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedProvider primary = ScriptedProvider.accepting("primary").during(() -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            String id = h.outbox.accept(Mail.receipt()).id();
            // The pump waits for the round, so it runs on its own thread while this one moves time.
            Thread pump = Thread.ofVirtual().start(h::dispatch);
            entered.await();

            h.time.advance(OutboxConfig.DEFAULTS.lease().multipliedBy(3));

            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.SENDING);
            assertThat(view.dueAt()).isAfter(h.time.instant());
            release.countDown();
            pump.join();
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(primary.sends()).isEqualTo(1);
        }
    }

    @Test
    void aRestartedOutboxDeliversWhatTheLastOneLeftQueued() {
        Path db = dir;
        String id;
        try (Harness h = new Harness(db, Harness.config(), ScriptedProvider.accepting("primary"))) {
            id = h.outbox.accept(Mail.receipt()).id();
        }
        ScriptedProvider primary = ScriptedProvider.accepting("primary");
        try (Harness h = new Harness(db, Harness.config(), primary)) {
            h.dispatch();
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED);
        }
    }
}
