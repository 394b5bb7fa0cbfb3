package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.alert.internal.Alerter;
import dev.postern.event.PosternEvent;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertingTest {
    private final FakeTime time = new FakeTime();
    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final Alerter alerter =
            new Alerter(new AlertConfig(Duration.ofMinutes(30)), List.of(sent::add), time, Runnable::run, time);

    private PosternEvent.Failover failoverFrom(String provider) {
        return new PosternEvent.Failover(time.instant(), "m", provider, "backup", "HTTP 503");
    }

    @Test
    void misconfiguredProviderRaisesAnAlertAtOnce() throws InterruptedException {
        BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();
        var primary = ScriptedProvider.accepting("primary").then(new SendOutcome.Misconfigured("HTTP 401 bad key"));
        try (Postern postern = Postern.builder()
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("backup"))
                .alert(alerts::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build()) {
            postern.send(Mail.receipt());

            // The failover to the backup is alerted too, on its own thread: find the one we expect.
            Alert alert = alerts.poll(10, TimeUnit.SECONDS);
            while (alert != null && !alert.event().equals("misconfigured")) {
                alert = alerts.poll(10, TimeUnit.SECONDS);
            }
            assertThat(alert).isNotNull();
            assertThat(alert.event()).isEqualTo("misconfigured");
            assertThat(alert.provider()).contains("primary");
            assertThat(alert.detail()).isEqualTo("primary is misconfigured: HTTP 401 bad key");
        }
    }

    @Test
    void repeatedFailoversAlertOnceThenSumUpTheWindowWithTheCount() {
        alerter.on(failoverFrom("primary"));
        for (int i = 0; i < 41; i++) {
            time.advance(Duration.ofMillis(100));
            alerter.on(failoverFrom("primary"));
        }
        assertThat(sent).hasSize(1);

        time.advance(Duration.ofMinutes(1));
        alerter.remind();

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).reminder()).isTrue();
        assertThat(sent.get(1).counts()).containsEntry("occurrences", 41L);
        assertThat(sent.get(1).detail())
                .isEqualTo("41 messages failed over from primary to backup in the last 64s (latest: HTTP 503)");
    }

    @Test
    void fiveHundredFailedOverMessagesMakeAFewAggregatedAlertsNotFiveHundred() {
        for (int i = 0; i < 500; i++) {
            alerter.on(failoverFrom("sendgrid"));
            time.advance(Duration.ofMillis(200)); // 100 s of steady failover
            alerter.remind();
        }
        time.advance(Duration.ofMinutes(1));
        alerter.remind();

        // the first at once, then one summary per one-minute window that saw failovers
        assertThat(sent).hasSize(3);
        assertThat(sent).extracting(Alert::event).containsOnly("failover");
        assertThat(sent.stream().mapToLong(a -> a.counts().get("occurrences")).sum())
                .isEqualTo(500);
        assertThat(sent.get(1).detail()).startsWith("299 messages failed over from sendgrid to backup in the last 1m");
    }

    @Test
    void failoversOnDifferentRoutesAreSummedUpSeparately() {
        alerter.on(failoverFrom("primary"));
        alerter.on(new PosternEvent.Failover(time.instant(), "m", "primary", "third", "HTTP 503"));

        assertThat(sent).extracting(Alert::detail).hasSize(2);
    }

    @Test
    void aLastingConditionIsRemindedEveryRenotifyUntilTheProviderRecovers() {
        alerter.on(new PosternEvent.ProviderUnhealthy(time.instant(), "primary", "timeout"));
        for (int i = 0; i < 3; i++) {
            time.advance(Duration.ofMinutes(30));
            alerter.remind();
        }
        assertThat(sent)
                .extracting(Alert::event)
                .containsOnly("provider_unhealthy")
                .hasSize(4);

        alerter.on(new PosternEvent.ProviderRecovered(time.instant(), "primary"));
        time.advance(Duration.ofHours(2));
        alerter.remind();

        assertThat(sent).extracting(Alert::event).last().isEqualTo("provider_recovered");
        assertThat(sent).hasSize(5);
    }

    @Test
    void conditionsOfDifferentProvidersAreAlertedSeparately() {
        alerter.on(new PosternEvent.BreakerOpened(time.instant(), "a", 100, 0));
        alerter.on(new PosternEvent.BreakerOpened(time.instant(), "b", 100, 0));
        alerter.on(new PosternEvent.BreakerOpened(time.instant(), "a", 100, 0));

        assertThat(sent).extracting(a -> a.provider().orElseThrow()).containsExactly("a", "b");
    }

    @Test
    void aQuietPerMessageEventIsNewsAgainAfterAQuietWindow() {
        alerter.on(failoverFrom("primary"));
        time.advance(Duration.ofMinutes(1));
        alerter.remind();
        assertThat(sent).hasSize(1);

        alerter.on(failoverFrom("primary"));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).reminder()).isFalse();
    }

    @Test
    void aFailingSinkDoesNotStopTheOthers() {
        List<Alert> second = new CopyOnWriteArrayList<>();
        Alerter twoSinks = new Alerter(
                AlertConfig.DEFAULTS,
                List.of(
                        alert -> {
                            throw new java.io.IOException("webhook down");
                        },
                        second::add),
                time,
                Runnable::run,
                time);

        twoSinks.on(new PosternEvent.Misconfigured(time.instant(), "a", "535"));

        assertThat(second).hasSize(1);
    }

    @Test
    void aFailingSinkIsRetriedWithBackoffOnTheScheduler() {
        List<Alert> delivered = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Alerter flaky = new Alerter(
                AlertConfig.DEFAULTS,
                List.of(alert -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new java.io.IOException("receiver down");
                    }
                    delivered.add(alert);
                }),
                time,
                Runnable::run,
                time);

        flaky.on(new PosternEvent.Misconfigured(time.instant(), "a", "535"));
        assertThat(calls).hasValue(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(calls).hasValue(2);
        time.advance(Duration.ofSeconds(1));
        assertThat(calls).hasValue(2); // the second backoff is two seconds
        time.advance(Duration.ofSeconds(1));

        assertThat(calls).hasValue(3);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void aSinkThatNeverAnswersIsGivenUpAfterBoundedAttempts() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Alerter down = new Alerter(
                AlertConfig.DEFAULTS,
                List.of(alert -> {
                    calls.incrementAndGet();
                    throw new java.io.IOException("receiver down");
                }),
                time,
                Runnable::run,
                time);

        down.on(new PosternEvent.Misconfigured(time.instant(), "a", "535"));
        time.advance(Duration.ofHours(1));

        assertThat(calls).hasValue(5);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void eachSinkReportsWhetherItTookTheAlertOrWasGivenUp() {
        List<AlertDelivery> deliveries = new CopyOnWriteArrayList<>();
        AlertSink up = alert -> {};
        AlertSink down = alert -> {
            throw new java.io.IOException("connection refused by hooks.example");
        };
        Alerter alerter =
                new Alerter(AlertConfig.DEFAULTS, List.of(up, down), time, Runnable::run, time, deliveries::add);

        alerter.on(new PosternEvent.Misconfigured(time.instant(), "a", "535"));
        time.advance(Duration.ofHours(1));

        assertThat(deliveries)
                .filteredOn(d -> d.sink() == up)
                .singleElement()
                .isInstanceOf(AlertDelivery.Delivered.class);
        List<AlertDelivery> fromDown =
                deliveries.stream().filter(d -> d.sink() == down).toList();
        assertThat(fromDown).hasSize(5);
        assertThat(fromDown.subList(0, 4)).allMatch(d -> d instanceof AlertDelivery.Retrying);
        assertThat(fromDown.getLast())
                .isInstanceOfSatisfying(
                        AlertDelivery.GaveUp.class,
                        g -> assertThat(g.error()).isEqualTo("connection refused by hooks.example"));
    }
}
