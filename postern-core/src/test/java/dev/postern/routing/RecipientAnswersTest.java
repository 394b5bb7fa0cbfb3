package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.RecipientOutcome;
import dev.postern.RecipientOutcome.Verdict;
import dev.postern.SendResult;
import dev.postern.SendResult.Status;
import dev.postern.breaker.BreakerState;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.provider.RefusedRecipient;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.ScriptedProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A provider's answer about one recipient stays about that recipient: the others are delivered,
 * the refused one is recorded with its reply, and the provider keeps its place in rotation.
 */
class RecipientAnswersTest {
    private static final RefusedRecipient UNKNOWN =
            new RefusedRecipient("cy@example.com", true, "550 5.1.1 User unknown");
    private static final RefusedRecipient GREYLISTED =
            new RefusedRecipient("cy@example.com", false, "451 4.7.1 Greylisted, try again later");

    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");

    private Postern postern() {
        return Postern.builder()
                .provider("primary", primary, ProviderConfig.DEFAULTS.withPriority(1))
                .provider("backup", backup, ProviderConfig.DEFAULTS.withPriority(2))
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build();
    }

    private static Email toThree() {
        return Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .to("bo@example.com")
                .cc("cy@example.com")
                .subject("Your receipt")
                .text("Thanks.")
                .build();
    }

    @Test
    void oneRecipientRefusedForGoodLeavesTheMessageDeliveredToTheOthers() {
        primary.then(new SendOutcome.Accepted("p-1", List.of(UNKNOWN)));
        try (Postern postern = postern()) {
            SendResult result = postern.send(toThree());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("primary");
            assertThat(result.recipients())
                    .containsExactly(
                            new RecipientOutcome("ada@example.com", Verdict.ACCEPTED, "primary", "p-1", ""),
                            new RecipientOutcome("bo@example.com", Verdict.ACCEPTED, "primary", "p-1", ""),
                            new RecipientOutcome("cy@example.com", Verdict.REFUSED, "primary", "", UNKNOWN.reply()));
            assertThat(result.detail()).startsWith("2 of 3 recipients accepted; ");
        }
    }

    @Test
    void aRecipientRefusedForNowDefersTheMessageWithoutFailingItOver() {
        primary.then(new SendOutcome.Accepted("p-1", List.of(GREYLISTED)));
        try (Postern postern = postern()) {
            SendResult result = postern.send(toThree());

            assertThat(result.status()).isEqualTo(Status.DEFERRED);
            assertThat(backup.sends()).isZero();
            assertThat(result.recipients())
                    .extracting(RecipientOutcome::address, RecipientOutcome::verdict)
                    .contains(tuple("cy@example.com", Verdict.REFUSED_TEMPORARILY));
            assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
        }
    }

    @Test
    void everyRecipientRefusedForGoodRejectsTheMessage() {
        primary.then(new SendOutcome.RecipientsRefused(List.of(UNKNOWN)));
        Email toCy = Email.builder()
                .from("shop@shop.example")
                .to("cy@example.com")
                .subject("Hi")
                .text("Hi.")
                .build();
        try (Postern postern = postern()) {
            SendResult result = postern.send(toCy);

            assertThat(result.status()).isEqualTo(Status.REJECTED);
            assertThat(backup.sends()).isZero();
        }
    }

    @Test
    void recipientsAProviderRefusedWithoutTakingTheOthersAreStillSentToTheOthers() {
        primary.then(new SendOutcome.RecipientsRefused(List.of(UNKNOWN)));
        try (Postern postern = postern()) {
            SendResult result = postern.send(toThree());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(backup.emails().getFirst().allRecipients())
                    .extracting(a -> a.email())
                    .containsExactly("ada@example.com", "bo@example.com");
            assertThat(result.recipients())
                    .extracting(RecipientOutcome::address, RecipientOutcome::verdict)
                    .containsExactly(
                            tuple("cy@example.com", Verdict.REFUSED),
                            tuple("ada@example.com", Verdict.ACCEPTED),
                            tuple("bo@example.com", Verdict.ACCEPTED));
        }
    }

    @Test
    void recipientRefusalsNeverTakeTheProviderOutOfRotation() {
        primary.always(new SendOutcome.RecipientsRefused(
                List.of(new RefusedRecipient("ada@example.com", false, "450 4.2.1 Mailbox busy"))));
        Email toAda = Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .subject("Hi")
                .text("Hi.")
                .build();
        try (Postern postern = postern()) {
            for (int i = 0; i < 20; i++) {
                assertThat(postern.send(toAda).status()).isEqualTo(Status.DEFERRED);
            }

            assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.AVAILABLE);
            assertThat(postern.providers().getFirst().breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(backup.sends()).isZero();
            assertThat(events)
                    .noneMatch(e -> e instanceof PosternEvent.BreakerOpened
                            || e instanceof PosternEvent.RateLimited
                            || e instanceof PosternEvent.AllProvidersDown);
        }
    }
}
