package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.RefusedRecipient;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.smtp.SmtpSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A relay's answer at {@code RCPT TO} is about that recipient: the adapter delivers to the
 * recipients the relay took and reports each refused one with its reply, instead of failing the
 * whole message (or blaming the relay) for one mailbox.
 */
class SmtpRecipientAnswersTest {
    private static final AttemptContext CONTEXT = new AttemptContext("01JRCPT0000000000000000000", 1, true);

    private static SmtpSimulator relay;
    private static SmtpProvider adapter;

    @BeforeAll
    static void start() {
        relay = new SmtpSimulator(0, null, null, false).start();
        adapter = new SmtpProvider(config(), Clock.systemUTC());
    }

    private static SmtpConfig config() {
        return SmtpConfig.of("127.0.0.1", relay.port())
                .withTls(SmtpTls.NONE)
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))));
    }

    @AfterEach
    void reset() {
        relay.clear();
    }

    @AfterAll
    static void stop() {
        adapter.close();
        relay.close();
    }

    private static Email toThree() {
        return Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .to("grace@example.com")
                .cc("nobody@example.com")
                .subject("Your receipt")
                .text("Thanks.")
                .build();
    }

    private static Email toAda() {
        return Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .subject("Hi")
                .text("Hi.")
                .build();
    }

    @Test
    void oneUnknownRecipientOfThreeLeavesTheOtherTwoDelivered() {
        relay.answerRecipient("nobody@example.com", "550 5.1.1 User unknown");

        SendOutcome outcome = adapter.send(toThree(), CONTEXT);

        SendOutcome.Accepted accepted = (SendOutcome.Accepted) outcome;
        assertThat(relay.envelope(accepted.providerMessageId()))
                .containsExactly("ada@example.com", "grace@example.com");
        assertThat(accepted.refused())
                .containsExactly(new RefusedRecipient("nobody@example.com", true, "550 5.1.1 User unknown"));
    }

    @Test
    void aGreylistedRecipientDoesNotHoldBackTheOthers() {
        relay.answerRecipient("grace@example.com", "451 4.7.1 Greylisted, please try again later");

        SendOutcome outcome = adapter.send(toThree(), CONTEXT);

        SendOutcome.Accepted accepted = (SendOutcome.Accepted) outcome;
        assertThat(relay.envelope(accepted.providerMessageId()))
                .containsExactly("ada@example.com", "nobody@example.com");
        assertThat(accepted.refused())
                .containsExactly(new RefusedRecipient(
                        "grace@example.com", false, "451 4.7.1 Greylisted, please try again later"));
    }

    @Test
    void aBusyMailboxIsTheRecipientsAnswerNotTheRelaysOutage() {
        relay.answerRecipient("ada@example.com", "450 4.2.1 Mailbox busy, try again later");

        SendOutcome outcome = adapter.send(toAda(), CONTEXT);

        assertThat(outcome)
                .isEqualTo(new SendOutcome.RecipientsRefused(List.of(
                        new RefusedRecipient("ada@example.com", false, "450 4.2.1 Mailbox busy, try again later"))));
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void everyRecipientUnknownRefusesThemAllForGoodWithoutBlamingTheRelay() {
        relay.answerRecipient("ada@example.com", "550 5.1.1 User unknown");
        relay.answerRecipient("grace@example.com", "553 5.1.3 Bad recipient address syntax");
        relay.answerRecipient("nobody@example.com", "550 5.1.1 User unknown");

        SendOutcome outcome = adapter.send(toThree(), CONTEXT);

        assertThat(outcome).isInstanceOf(SendOutcome.RecipientsRefused.class);
        assertThat(((SendOutcome.RecipientsRefused) outcome).refused())
                .extracting(RefusedRecipient::address, RefusedRecipient::permanent)
                .containsExactly(
                        tuple("ada@example.com", true),
                        tuple("grace@example.com", true),
                        tuple("nobody@example.com", true));
    }

    @Test
    void theConnectionServesTheNextMessageAfterEveryRecipientWasRefused() {
        relay.answerRecipient("ada@example.com", "550 5.1.1 User unknown");
        try (SmtpProvider fresh = new SmtpProvider(config(), Clock.systemUTC())) {
            int sessions = relay.sessionsOpened();

            fresh.send(toAda(), CONTEXT);
            SendOutcome next = fresh.send(toThree(), CONTEXT);

            assertThat(next).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(relay.sessionsOpened()).isEqualTo(sessions + 1);
        }
    }

    @Test
    void aRelayRefusingToRelayIsStillTheRelaysFault() {
        relay.answerRecipient("ada@example.com", "554 5.7.1 Relay access denied");

        assertThat(adapter.send(toAda(), CONTEXT)).isInstanceOf(SendOutcome.Misconfigured.class);
    }

    @Test
    void aRelayQuotaAtRcptWithNobodyTakenRateLimitsTheRelay() {
        relay.answerRecipient("ada@example.com", "452 4.4.5 Messages per second limit exceeded");

        assertThat(adapter.send(toAda(), CONTEXT)).isInstanceOf(SendOutcome.RateLimited.class);
    }
}
