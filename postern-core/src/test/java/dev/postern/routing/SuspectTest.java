package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.breaker.BreakerState;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.UploadTime;
import dev.postern.testing.FakeTime;
import dev.postern.testing.HangingProvider;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provider whose attempts stay in flight too long is suspect, not waited on. */
class SuspectTest {
    private static final Duration SUSPECT_AFTER = Duration.ofSeconds(2);
    /** Past suspect_after by more than one watchdog tick. */
    private static final Duration PAST_SUSPECT_AFTER = SUSPECT_AFTER.plusMillis(250);

    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    private Postern postern(HangingProvider primary) {
        return postern(primary, ProviderConfig.DEFAULTS.withHealthCheck(HealthCheckConfig.DEFAULTS));
    }

    private Postern postern(HangingProvider primary, ProviderConfig config) {
        return postern(primary, config, RoutingConfig.DEFAULTS);
    }

    private Postern postern(HangingProvider primary, ProviderConfig config, RoutingConfig routing) {
        return Postern.builder()
                .routing(routing)
                .provider("primary", primary, config.withPriority(1))
                .provider("backup", backup, ProviderConfig.DEFAULTS.withPriority(2))
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .random(new Random(7))
                .build();
    }

    private Future<SendResult> sendInBackground(Postern postern) {
        return senders.submit(() -> postern.send(Mail.receipt()));
    }

    private static ProviderState primaryState(Postern postern) {
        return postern.providers().getFirst().state();
    }

    private List<PosternEvent.ProviderSuspect> suspectEvents() {
        return events.stream()
                .filter(PosternEvent.ProviderSuspect.class::isInstance)
                .map(PosternEvent.ProviderSuspect.class::cast)
                .toList();
    }

    @Test
    void attemptOutlivingSuspectAfterMakesProviderSuspectOnceAndIsReroutedAtOnce() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.PREPARING);
        try (Postern postern = postern(primary)) {
            Future<SendResult> result = sendInBackground(postern);
            primary.awaitBlocked(1);

            time.advance(SUSPECT_AFTER.minusMillis(100));
            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            time.advance(Duration.ofMillis(350));

            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);
            SendResult sent = result.get(10, TimeUnit.SECONDS);
            assertThat(sent.status()).isEqualTo(SendResult.Status.DELIVERED);
            assertThat(sent.provider()).contains("backup");
            assertThat(sent.attempts().getFirst().outcome())
                    .isInstanceOf(SendOutcome.Unavailable.class)
                    .extracting(SendOutcome::detail)
                    .asString()
                    .startsWith("cancelled: primary suspect");
            assertThat(primary.contexts().getFirst().cancelled()).isTrue();

            time.advance(Duration.ofSeconds(5));
            assertThat(suspectEvents()).singleElement().satisfies(e -> {
                assertThat(e.inFlight()).isEqualTo(1);
                assertThat(e.cancelled()).isEqualTo(1);
                assertThat(e.oldest()).isGreaterThanOrEqualTo(SUSPECT_AFTER);
            });
            assertThat(suspectEvents().getFirst().type()).isEqualTo("provider_suspect");
        }
    }

    @Test
    void aBigMessageStillOnItsWayDoesNotMakeItsProviderSuspect() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.AWAITING_ANSWER);
        Email big = Mail.receipt().toBuilder()
                .attachment("scan.pdf", "application/pdf", new byte[10 * 1024 * 1024])
                .build();
        Duration upload = UploadTime.of(big.sizeBytes());
        try (Postern postern = postern(primary)) {
            senders.submit(() -> postern.send(big));
            primary.awaitBlocked(1);

            time.advance(PAST_SUSPECT_AFTER);
            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            time.advance(upload);

            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);
        }
    }

    @Test
    void cancelledAttemptsDoNotChargeTheBreaker() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.CONNECTING);
        try (Postern postern = postern(primary)) {
            for (int round = 0; round < 6; round++) {
                Future<SendResult> result = sendInBackground(postern);
                primary.awaitBlocked(1);
                time.advance(PAST_SUSPECT_AFTER);
                assertThat(result.get(10, TimeUnit.SECONDS).provider()).contains("backup");
                time.advance(Duration.ofSeconds(33)); // a passing probe trusts it again
            }
            assertThat(postern.providers().getFirst().breaker()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void newMessagesSkipSuspectProviderWithoutCallingIt() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.CONNECTING);
        try (Postern postern = postern(primary)) {
            sendInBackground(postern);
            primary.awaitBlocked(1);
            time.advance(PAST_SUSPECT_AFTER);

            for (int i = 0; i < 5; i++) {
                assertThat(postern.send(Mail.receipt()).attempts())
                        .singleElement()
                        .extracting(a -> a.provider())
                        .isEqualTo("backup");
            }
            assertThat(primary.contexts()).hasSize(1);
        }
    }

    @Test
    void handedOverAttemptIsAbandonedAtSuspicionAndReroutedAtOnceUnderFailover() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.AWAITING_ANSWER);
        try (Postern postern = postern(primary)) {
            Instant start = time.instant();
            Future<SendResult> result = sendInBackground(postern);
            primary.awaitBlocked(1);

            time.advance(PAST_SUSPECT_AFTER); // the clock never reaches any request timeout

            SendResult sent = result.get(10, TimeUnit.SECONDS);
            assertThat(sent.status()).isEqualTo(SendResult.Status.DELIVERED);
            assertThat(sent.provider()).contains("backup");
            assertThat(sent.attempts().get(1).startedAt()).isBeforeOrEqualTo(start.plus(PAST_SUSPECT_AFTER));
            Attempt abandoned = sent.attempts().getFirst();
            assertThat(abandoned.outcome())
                    .isInstanceOf(SendOutcome.Ambiguous.class)
                    .extracting(SendOutcome::detail)
                    .asString()
                    .startsWith("abandoned: primary suspect");
            assertThat(abandoned.abandoned()).isTrue();
            assertThat(sent.possibleDuplicate()).isTrue();
            assertThat(primary.contexts().getFirst().abandoned()).isTrue();
            assertThat(suspectEvents()).singleElement().satisfies(e -> {
                assertThat(e.cancelled()).isZero();
                assertThat(e.abandoned()).isEqualTo(1);
            });
        }
    }

    @Test
    void handedOverAttemptIsNotAbandonedUnderDeferAndWaitsForItsOutcome() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.AWAITING_ANSWER);
        RoutingConfig defer = RoutingConfig.DEFAULTS.withOnAmbiguous(OnAmbiguous.DEFER);
        try (Postern postern =
                postern(primary, ProviderConfig.DEFAULTS.withHealthCheck(HealthCheckConfig.DEFAULTS), defer)) {
            Future<SendResult> result = sendInBackground(postern);
            primary.awaitBlocked(1);
            time.advance(PAST_SUSPECT_AFTER);

            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);
            assertThat(result.isDone()).isFalse();
            assertThat(suspectEvents())
                    .singleElement()
                    .extracting(e -> e.cancelled())
                    .isEqualTo(0);

            primary.answer(new SendOutcome.Ambiguous("no answer within 30000 ms"));
            SendResult sent = result.get(10, TimeUnit.SECONDS);
            assertThat(sent.attempts().getFirst().outcome()).isInstanceOf(SendOutcome.Ambiguous.class);
            assertThat(sent.status()).isEqualTo(SendResult.Status.DEFERRED);
            assertThat(sent.attempts().getFirst().abandoned()).isFalse();
            assertThat(primary.contexts().getFirst().cancelled()).isFalse();
            assertThat(primary.contexts().getFirst().abandoned()).isFalse();
            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT); // a timeout is no answer
        }
    }

    @Test
    void suspectProviderReturnsWhenAnAttemptCompletesNormally() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.AWAITING_ANSWER);
        RoutingConfig defer = RoutingConfig.DEFAULTS.withOnAmbiguous(OnAmbiguous.DEFER); // keeps it waiting
        try (Postern postern =
                postern(primary, ProviderConfig.DEFAULTS.withHealthCheck(HealthCheckConfig.DEFAULTS), defer)) {
            Future<SendResult> result = sendInBackground(postern);
            primary.awaitBlocked(1);
            time.advance(PAST_SUSPECT_AFTER);
            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);

            primary.answer(new SendOutcome.Accepted("late-1"));

            assertThat(result.get(10, TimeUnit.SECONDS).provider()).contains("primary");
            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            assertThat(events).last().isInstanceOf(PosternEvent.ProviderRecovered.class);
            time.advance(Duration.ofSeconds(5));
            assertThat(suspectEvents()).hasSize(1); // the answered attempt is not judged again
        }
    }

    @Test
    void suspectProviderReturnsWhenAHealthProbePasses() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.CONNECTING);
        HealthCheckConfig everySecond = new HealthCheckConfig(Duration.ofSeconds(1), 0, 2, 1);
        try (Postern postern = postern(primary, ProviderConfig.DEFAULTS.withHealthCheck(everySecond))) {
            time.advance(Duration.ofMillis(500)); // out of step with the probes, at 1 s, 2 s, 3 s
            sendInBackground(postern);
            primary.awaitBlocked(1);
            time.advance(SUSPECT_AFTER.minusMillis(100)); // probes pass, but nothing is overdue yet
            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            time.advance(Duration.ofMillis(300));
            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);

            time.advance(Duration.ofMillis(500));

            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            assertThat(events)
                    .filteredOn(PosternEvent.ProviderRecovered.class::isInstance)
                    .singleElement();
        }
    }

    /** {@code answers} sends the primary answers at once, then one it hangs on (blocked in it). */
    private Future<SendResult> hangAfterFastAnswers(Postern postern, HangingProvider primary, int answers)
            throws Exception {
        primary.answer(new SendOutcome.Accepted("fast"));
        for (int i = 0; i < answers; i++) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
        }
        primary.hang();
        Future<SendResult> result = sendInBackground(postern);
        primary.awaitBlocked(1);
        return result;
    }

    private Postern adaptive(HangingProvider primary, AdaptiveSuspicion adaptive) {
        return postern(
                primary,
                ProviderConfig.DEFAULTS
                        .withHealthCheck(HealthCheckConfig.DEFAULTS)
                        .withAdaptiveSuspicion(adaptive));
    }

    @Test
    void adaptiveSuspicionSuspectsAProviderThatUsuallyAnswersFastWellBeforeSuspectAfter() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.PREPARING);
        try (Postern postern = adaptive(primary, new AdaptiveSuspicion(4, Duration.ofMillis(500)))) {
            Future<SendResult> result = hangAfterFastAnswers(postern, primary, AdaptiveSuspicion.MIN_SAMPLES);

            time.advance(Duration.ofMillis(400)); // under the floor
            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            time.advance(Duration.ofMillis(250));

            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);
            assertThat(result.get(10, TimeUnit.SECONDS).provider()).contains("backup");
        }
    }

    @Test
    void adaptiveSuspicionWaitsForEnoughAnswersBeforeItAdapts() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.PREPARING);
        try (Postern postern = adaptive(primary, new AdaptiveSuspicion(4, Duration.ofMillis(500)))) {
            hangAfterFastAnswers(postern, primary, AdaptiveSuspicion.MIN_SAMPLES - 1);

            time.advance(SUSPECT_AFTER.minusMillis(100));

            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
        }
    }

    @Test
    void withoutAdaptiveSuspicionAFastProviderIsSuspectedOnlyAfterSuspectAfter() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.PREPARING);
        try (Postern postern = adaptive(primary, AdaptiveSuspicion.OFF)) {
            hangAfterFastAnswers(postern, primary, AdaptiveSuspicion.MIN_SAMPLES);

            time.advance(SUSPECT_AFTER.minusMillis(100));
            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            time.advance(Duration.ofMillis(250));

            assertThat(primaryState(postern)).isEqualTo(ProviderState.SUSPECT);
        }
    }

    @Test
    void adaptedThresholdStaysBetweenTheFloorAndSuspectAfter() {
        AdaptiveSuspicion adaptive = new AdaptiveSuspicion(4, Duration.ofMillis(500));

        assertThat(adaptive.threshold(Duration.ofMillis(30), SUSPECT_AFTER)).isEqualTo(Duration.ofMillis(500));
        assertThat(adaptive.threshold(Duration.ofMillis(300), SUSPECT_AFTER)).isEqualTo(Duration.ofMillis(1200));
        assertThat(adaptive.threshold(Duration.ofSeconds(1), SUSPECT_AFTER)).isEqualTo(SUSPECT_AFTER);
    }

    @Test
    void zeroSuspectAfterTurnsSuspicionOff() throws Exception {
        HangingProvider primary = new HangingProvider(AttemptPhase.CONNECTING);
        try (Postern postern = postern(primary, ProviderConfig.DEFAULTS.withSuspectAfter(Duration.ZERO))) {
            Future<SendResult> result = sendInBackground(postern);
            primary.awaitBlocked(1);
            time.advance(Duration.ofSeconds(20));

            assertThat(primaryState(postern)).isEqualTo(ProviderState.AVAILABLE);
            assertThat(result.isDone()).isFalse();
            assertThat(suspectEvents()).isEmpty();
            primary.answer(new SendOutcome.Accepted("late-1"));
            assertThat(result.get(10, TimeUnit.SECONDS).provider()).contains("primary");
        }
    }
}
