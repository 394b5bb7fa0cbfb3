package dev.postern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.SendResult.Status;
import dev.postern.breaker.BreakerState;
import dev.postern.event.PosternEvent;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.OnAmbiguous;
import dev.postern.routing.ProviderState;
import dev.postern.routing.RoutingConfig;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What routing does with each outcome that answers for the whole message (RecipientAnswersTest: the per-recipient ones). */
class FailoverTest {
    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");

    private Postern postern(RoutingConfig routing) {
        return Postern.builder()
                .provider("primary", primary)
                .provider("backup", backup)
                .routing(routing)
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build();
    }

    private Postern postern() {
        return postern(RoutingConfig.DEFAULTS);
    }

    private static ProviderStatus status(Postern postern, String name) {
        return postern.providers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void acceptedByThePrimaryIsDeliveredWithOneAttempt() {
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.provider()).contains("primary");
            assertThat(result.providerMessageId()).contains("primary-1");
            assertThat(result.attempts()).singleElement().satisfies(a -> {
                assertThat(a.provider()).isEqualTo("primary");
                assertThat(a.ambiguous()).isFalse();
            });
        }
    }

    @Test
    void permanentRejectionIsReturnedWithoutTryingAnotherProviderOrChargingTheBreaker() {
        primary.always(new SendOutcome.Rejected("550 5.1.1 mailbox does not exist"));
        try (Postern postern = postern()) {
            for (int i = 0; i < 30; i++) {
                SendResult result = postern.send(Mail.receipt());
                assertThat(result.status()).isEqualTo(Status.REJECTED);
                assertThat(result.attempts()).hasSize(1);
            }

            assertThat(backup.sends()).isZero();
            assertThat(status(postern, "primary").breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(events)
                    .filteredOn(PosternEvent.MessageFailed.class::isInstance)
                    .hasSize(30);
            assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
        }
    }

    @Test
    void unavailablePrimaryFailsOverToTheBackupAndSaysSo() {
        primary.then(new SendOutcome.Unavailable("HTTP 503"));
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("primary", "backup");
            assertThat(events)
                    .filteredOn(PosternEvent.Failover.class::isInstance)
                    .singleElement()
                    .satisfies(e -> {
                        var failover = (PosternEvent.Failover) e;
                        assertThat(failover.from()).isEqualTo("primary");
                        assertThat(failover.to()).isEqualTo("backup");
                        assertThat(failover.reason()).isEqualTo("HTTP 503");
                        assertThat(failover.messageId()).isEqualTo(result.messageId());
                    });
        }
    }

    @Test
    void everyAttemptOfOneMessageCarriesTheSameMessageIdAndOnlyTheFirstIsPrimary() {
        primary.then(new SendOutcome.Unavailable("HTTP 503"));
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(primary.contexts().getFirst().messageId()).isEqualTo(result.messageId());
            assertThat(backup.contexts().getFirst().messageId()).isEqualTo(result.messageId());
            assertThat(primary.contexts().getFirst().primaryRoute()).isTrue();
            assertThat(backup.contexts().getFirst().primaryRoute()).isFalse();
            assertThat(backup.contexts().getFirst().attempt()).isEqualTo(2);
        }
    }

    @Test
    void rateLimitedProviderIsSkippedUntilItsRetryTimeWithoutChargingItsBreaker() {
        primary.then(new SendOutcome.RateLimited(Duration.ofSeconds(20), "HTTP 429"));
        try (Postern postern = postern()) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("backup");
            assertThat(status(postern, "primary").state()).isEqualTo(ProviderState.COOLING);
            assertThat(status(postern, "primary").coolingUntil())
                    .contains(time.instant().plusSeconds(20));

            time.advance(Duration.ofSeconds(19));
            assertThat(postern.send(Mail.receipt()).attempts())
                    .extracting(Attempt::provider)
                    .containsExactly("backup");
            assertThat(primary.sends()).isEqualTo(1);

            time.advance(Duration.ofSeconds(1));
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
            assertThat(status(postern, "primary").breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(events).anyMatch(PosternEvent.RateLimited.class::isInstance);
        }
    }

    @Test
    void rateLimitWithoutAStatedTimeCoolsForTheConfiguredDefault() {
        primary.then(new SendOutcome.RateLimited(null, "421 4.7.0 try later"));
        try (Postern postern = postern(RoutingConfig.DEFAULTS.withDefaultCooling(Duration.ofSeconds(45)))) {
            postern.send(Mail.receipt());

            assertThat(status(postern, "primary").coolingUntil())
                    .contains(time.instant().plusSeconds(45));
        }
    }

    @Test
    void misconfiguredProviderLeavesRotationAtOnceAndFailsOver() {
        primary.then(new SendOutcome.Misconfigured("HTTP 401 invalid API key"));
        try (Postern postern = postern()) {
            SendResult first = postern.send(Mail.receipt());
            postern.send(Mail.receipt());

            assertThat(first.provider()).contains("backup");
            assertThat(primary.sends()).isEqualTo(1);
            assertThat(status(postern, "primary").state()).isEqualTo(ProviderState.UNHEALTHY);
            assertThat(events)
                    .filteredOn(PosternEvent.Misconfigured.class::isInstance)
                    .hasSize(1);
        }
    }

    @Test
    void ambiguousAnswerFailsOverByDefaultAndMarksAPossibleDuplicate() {
        primary.then(new SendOutcome.Ambiguous("read timed out after the body was sent"));
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts().getFirst().ambiguous()).isTrue();
            assertThat(result.possibleDuplicate()).isTrue();
        }
    }

    @Test
    void ambiguousAnswerUnderDeferPolicyStopsAndDefersTheMessage() {
        primary.then(new SendOutcome.Ambiguous("connection reset after the final dot"));
        try (Postern postern = postern(RoutingConfig.DEFAULTS.withOnAmbiguous(OnAmbiguous.DEFER))) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DEFERRED);
            assertThat(backup.sends()).isZero();
        }
    }

    @Test
    void anAdapterThatThrowsCountsAsUnavailableAndTheMessageMovesOn() {
        primary.during(() -> {
            throw new IllegalStateException("bug in adapter");
        });
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.provider()).contains("backup");
            assertThat(result.attempts().getFirst().outcome())
                    .isEqualTo(new SendOutcome.Unavailable("adapter failed: IllegalStateException"));
        }
    }

    @Test
    void whenEveryProviderFailsTheMessageIsDeferredWithEachAttemptRecorded() {
        primary.always(new SendOutcome.Unavailable("HTTP 500"));
        backup.always(new SendOutcome.Unavailable("connection refused"));
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DEFERRED);
            assertThat(result.attempts())
                    .extracting(a -> a.outcome().detail())
                    .containsExactly("HTTP 500", "connection refused");
            assertThat(result.provider()).isEmpty();
        }
    }

    @Test
    void noAvailableProviderPublishesAllProvidersDown() {
        try (Postern postern = postern()) {
            postern.drain("primary");
            postern.drain("backup");
            postern.send(Mail.receipt());

            assertThat(events)
                    .filteredOn(PosternEvent.AllProvidersDown.class::isInstance)
                    .singleElement()
                    .extracting(PosternEvent::detail)
                    .isEqualTo("no provider is available: primary drained, backup drained");
        }
    }

    @Test
    void attemptLatencyIsMeasuredOnTheInjectedClock() {
        primary.during(() -> time.advance(Duration.ofMillis(250)));
        try (Postern postern = postern()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.attempts().getFirst().latency()).isEqualTo(Duration.ofMillis(250));
            assertThat(result.attempts().getFirst().startedAt())
                    .isEqualTo(time.instant().minusMillis(250));
        }
    }
}
