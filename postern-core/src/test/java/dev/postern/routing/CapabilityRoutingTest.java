package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.SendResult;
import dev.postern.event.PosternEvent;
import dev.postern.provider.Capabilities;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A provider is only offered messages it can carry: cc/bcc, size and recipient limits. */
class CapabilityRoutingTest {
    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider noCopies =
            ScriptedProvider.accepting("nocc").capabilities(Capabilities.FULL.withCarbonCopies(false));
    private final ScriptedProvider full = ScriptedProvider.accepting("full");

    private Postern postern(ScriptedProvider first, ScriptedProvider second) {
        return Postern.builder()
                .provider("first", first)
                .provider("second", second)
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build();
    }

    @Test
    void providerThatCannotCarryCcIsSkippedWithoutAnAttemptOrAFailover() {
        try (Postern postern = postern(noCopies, full)) {
            SendResult result = postern.send(
                    Mail.receipt().toBuilder().cc("ops@example.com").build());

            assertThat(result.provider()).contains("second");
            assertThat(result.attempts()).hasSize(1);
            assertThat(noCopies.sends()).isZero();
            assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
        }
    }

    @Test
    void thatProviderStillTakesMessagesItCanCarry() {
        try (Postern postern = postern(noCopies, full)) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("first");
        }
    }

    @Test
    void messageLargerThanTheFirstProviderTakesGoesToOneThatTakesIt() {
        var small = ScriptedProvider.accepting("small").capabilities(Capabilities.FULL.withMaxMessageBytes(2000));
        try (Postern postern = postern(small, full)) {
            SendResult result = postern.send(
                    Mail.receipt().toBuilder().text("x".repeat(5000)).build());

            assertThat(result.provider()).contains("second");
            assertThat(small.sends()).isZero();
        }
    }

    @Test
    void messageNoConfiguredProviderCanCarryIsRejectedNamingEachReason() {
        var small = ScriptedProvider.accepting("small").capabilities(Capabilities.FULL.withMaxMessageBytes(2000));
        try (Postern postern = postern(noCopies, small)) {
            SendResult result = postern.send(Mail.receipt().toBuilder()
                    .cc("ops@example.com")
                    .text("x".repeat(5000))
                    .build());

            assertThat(result.status()).isEqualTo(SendResult.Status.REJECTED);
            assertThat(result.attempts()).isEmpty();
            assertThat(result.detail())
                    .startsWith("no configured provider can carry it: first cannot send cc or bcc recipients, "
                            + "second takes at most 2000 bytes, the message has about ");
            assertThat(events).anyMatch(PosternEvent.MessageFailed.class::isInstance);
        }
    }

    @Test
    void tooManyRecipientsForEveryProviderIsNotARefusalBecauseTheyAreSplit() {
        var onePerMessage = ScriptedProvider.accepting("one").capabilities(Capabilities.FULL.withMaxRecipients(1));
        try (Postern postern = postern(onePerMessage, full)) {
            SendResult result = postern.send(
                    Mail.receipt().toBuilder().to("bob@example.com").build());

            assertThat(result.status()).isEqualTo(SendResult.Status.DELIVERED);
            assertThat(result.attempts()).hasSize(2);
        }
    }
}
