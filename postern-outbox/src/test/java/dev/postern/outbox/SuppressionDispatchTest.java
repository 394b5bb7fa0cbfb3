package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.RecipientView;
import dev.postern.outbox.store.Suppression;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suppressed address is never sent to, whichever provider carries the message, in any round. */
class SuppressionDispatchTest {
    private static final java.time.Instant EARLIER = java.time.Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static Email toThree() {
        return Email.builder()
                .from("orders@shop.example")
                .to("ada@example.com")
                .cc("Bounced@Example.com")
                .bcc("complained@example.com")
                .subject("Your receipt")
                .text("Thanks.")
                .build();
    }

    private static Suppression bounce(String address) {
        return new Suppression(
                address, Suppression.HARD_BOUNCE, Optional.of("sendgrid"), "550 5.1.1 user unknown", EARLIER);
    }

    @Test
    void suppressedRecipientsAreSkippedAndRecordedWhileTheOthersAreSent() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary");
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            h.outbox.suppressions().add(bounce("bounced@example.com"));
            h.outbox.suppressions().add(Suppression.manual("complained@example.com", "", EARLIER));
            String id = h.outbox.accept(toThree()).id();

            h.dispatch();

            assertThat(primary.emails())
                    .singleElement()
                    .satisfies(sent -> assertThat(sent.allRecipients())
                            .extracting(Address::email)
                            .containsExactly("ada@example.com"));
            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(view.recipients())
                    .extracting(RecipientView::address, RecipientView::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ada@example.com", RecipientView.Status.DELIVERED),
                            org.assertj.core.groups.Tuple.tuple("Bounced@Example.com", RecipientView.Status.SUPPRESSED),
                            org.assertj.core.groups.Tuple.tuple(
                                    "complained@example.com", RecipientView.Status.SUPPRESSED));
            assertThat(view.recipients().get(1).detail()).contains("hard_bounce", "sendgrid");
            assertThat(view.attempts()).hasSize(1);
        }
    }

    @Test
    void aMessageWhoseRecipientsAreAllSuppressedFailsWithoutAnAttempt() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary");
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            h.outbox.suppressions().add(bounce("ada@example.com"));
            String id = h.outbox.accept(dev.postern.testing.Mail.receipt()).id();

            h.dispatch();

            assertThat(primary.sends()).isZero();
            MessageView view = h.find(id);
            assertThat(view.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(view.detail()).isEqualTo("suppressed");
            assertThat(view.attempts()).isEmpty();
            assertThat(view.recipients())
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RecipientView.Status.SUPPRESSED));
        }
    }

    @Test
    void anAddressSuppressedBetweenRoundsIsNotSentToInTheNextRound() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary").then(new SendOutcome.Unavailable("503 busy"));
        try (Harness h = new Harness(dir, Harness.config(), primary)) {
            String id = h.outbox.accept(toThree()).id();
            h.dispatch();
            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DEFERRED);

            h.outbox.suppressions().add(bounce("complained@example.com"));
            h.run(Duration.ofMinutes(10), Duration.ofSeconds(30));

            assertThat(h.find(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(primary.emails().get(primary.emails().size() - 1).allRecipients())
                    .extracting(Address::email)
                    .containsExactly("ada@example.com", "Bounced@Example.com");
        }
    }
}
