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
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertingTest {
    private final FakeTime time = new FakeTime();

    /** An alerter on fake time whose sinks are {@code sinks}, none of its providers in rotation. */
    private Alerter alerter(List<AlertSink> sinks, java.util.function.Consumer<AlertDelivery> deliveries) {
        return new Alerter(AlertConfig.DEFAULTS, sinks, time, Runnable::run, time, deliveries, Set::of, List.of());
    }

    private Alerter alerter(List<AlertSink> sinks) {
        return alerter(sinks, d -> {});
    }

    /** A drill notice goes out at once, outside any incident: what the sink tests below send. */
    private PosternEvent notice() {
        return new PosternEvent.DrillStarted(time.instant(), "a", Duration.ofMinutes(10));
    }

    @Test
    void aMisconfiguredProviderOpensAnIncidentPagedAfterTheGroupWait() throws InterruptedException {
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
            time.advance(AlertConfig.DEFAULTS.groupWait()); // one message for the first seconds' signals

            Alert alert = alerts.poll(10, TimeUnit.SECONDS);
            assertThat(alert).isNotNull();
            assertThat(alert.event()).isEqualTo("incident_opened");
            assertThat(alert.provider()).contains("primary");
            assertThat(alert.incident().orElseThrow().signals()).containsExactly("misconfigured", "failover");
            assertThat(alert.incident().orElseThrow().lastAnswer()).contains("misconfigured: HTTP 401 bad key");
            assertThat(alerts).isEmpty();
        }
    }

    @Test
    void aFailingSinkDoesNotStopTheOthers() {
        List<Alert> second = new CopyOnWriteArrayList<>();
        Alerter twoSinks = alerter(List.of(
                alert -> {
                    throw new java.io.IOException("webhook down");
                },
                second::add));

        twoSinks.on(notice());

        assertThat(second).hasSize(1);
    }

    @Test
    void aFailingSinkIsRetriedWithBackoffOnTheScheduler() {
        List<Alert> delivered = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Alerter flaky = alerter(List.of(alert -> {
            if (calls.incrementAndGet() < 3) {
                throw new java.io.IOException("receiver down");
            }
            delivered.add(alert);
        }));

        flaky.on(notice());
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
        Alerter down = alerter(List.of(alert -> {
            calls.incrementAndGet();
            throw new java.io.IOException("receiver down");
        }));

        down.on(notice());
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
        Alerter alerter = alerter(List.of(up, down), deliveries::add);

        alerter.on(notice());
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

    // ---- incidents, event by event -------------------------------------------------------------

    private final List<Alert> paged = new CopyOnWriteArrayList<>();
    private final Set<String> inRotation = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<IncidentView> changes = new CopyOnWriteArrayList<>();
    private final Alerter incidents = new Alerter(
            AlertConfig.DEFAULTS,
            List.of(paged::add),
            time,
            Runnable::run,
            time,
            d -> {},
            () -> Set.copyOf(inRotation),
            List.of(changes::add));

    /** Moves time in one-second checks, as Postern's timer does. */
    private void run(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            time.advance(Duration.ofSeconds(1));
            incidents.tick();
        }
    }

    private List<String> pages() {
        return paged.stream()
                .map(a -> a.incident()
                        .map(i -> i.provider().orElse(i.condition()) + " " + i.state())
                        .orElse(a.event()))
                .toList();
    }

    @Test
    void theSignalsOfTheGroupWaitBecomeOneNotification() {
        incidents.on(new PosternEvent.Failover(time.instant(), "m1", "primary", "backup", "HTTP 503"));
        run(Duration.ofSeconds(1));
        incidents.on(new PosternEvent.BreakerOpened(time.instant(), "primary", 100, 0));
        incidents.on(new PosternEvent.ProviderUnhealthy(time.instant(), "primary", "timeout"));
        run(Duration.ofSeconds(10));

        assertThat(pages()).containsExactly("primary OPENED");
        assertThat(paged.getFirst().incident().orElseThrow().signals())
                .containsExactly("failover", "breaker_opened", "provider_unhealthy");
        assertThat(changes).extracting(IncidentView::state).containsExactly(IncidentView.State.OPENED);
    }

    @Test
    void anOpenIncidentIsRemindedEveryRenotifyAndResolvesOnceSettledInRotation() {
        incidents.on(new PosternEvent.ProviderUnhealthy(time.instant(), "primary", "timeout"));
        run(Duration.ofMinutes(61));
        inRotation.add("primary");
        run(Duration.ofSeconds(29));
        assertThat(pages()).containsExactly("primary OPENED", "primary UPDATED", "primary UPDATED");

        run(Duration.ofSeconds(2));

        assertThat(pages()).last().isEqualTo("primary RESOLVED");
        assertThat(incidents.incidents()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(IncidentView.State.RESOLVED);
            assertThat(i.resolvedAt()).isPresent();
        });
    }

    @Test
    void aBriefRateLimitIsNoIncidentButALongOneIs() {
        inRotation.add("primary");
        incidents.on(new PosternEvent.RateLimited(
                time.instant(), "primary", time.instant().plusSeconds(2), "HTTP 429"));
        run(Duration.ofMinutes(1));
        assertThat(pages()).isEmpty();

        incidents.on(new PosternEvent.RateLimited(
                time.instant(), "primary", time.instant().plusSeconds(60), "HTTP 429"));
        run(Duration.ofSeconds(6));

        assertThat(pages()).containsExactly("primary OPENED");
        assertThat(paged.getFirst().incident().orElseThrow().signals()).containsExactly("rate_limited");
    }

    @Test
    void aPagedProvidersResolutionDuringAGatewayIncidentIsHeldUntilThatOneIsOver() {
        incidents.on(new PosternEvent.BreakerOpened(time.instant(), "primary", 100, 0));
        run(Duration.ofSeconds(10)); // paged
        inRotation.add("primary"); // primary settles while the backlog is still high
        for (int i = 0; i < 5; i++) {
            incidents.on(new PosternEvent.BacklogHigh(time.instant(), 20_000, Duration.ofMinutes(20)));
            run(Duration.ofSeconds(10));
        }
        assertThat(pages()).containsExactly("primary OPENED", "backlog_high OPENED");

        run(Duration.ofSeconds(30)); // no backlog_high for 30 s: over

        assertThat(pages())
                .containsExactly("primary OPENED", "backlog_high OPENED", "backlog_high RESOLVED", "primary RESOLVED");
    }

    @Test
    void aProviderStillOutWhenTheGatewayIncidentEndsIsPagedThen() {
        incidents.on(new PosternEvent.AllProvidersDown(time.instant(), "both out"));
        incidents.on(new PosternEvent.BreakerOpened(time.instant(), "primary", 100, 0));
        incidents.on(new PosternEvent.BreakerOpened(time.instant(), "backup", 100, 0));
        run(Duration.ofSeconds(10));
        assertThat(pages()).containsExactly("all_providers_down OPENED");

        inRotation.add("backup"); // backup is back; primary stays out
        run(Duration.ofSeconds(40));

        assertThat(pages())
                .containsExactly("all_providers_down OPENED", "all_providers_down RESOLVED", "primary OPENED");
        assertThat(incidents.incidents())
                .extracting(i -> i.provider().orElse(i.condition()) + " " + i.state())
                .containsExactly("primary OPENED", "all_providers_down RESOLVED", "backup RESOLVED");
    }

    @Test
    void messagesThatFailDuringAnIncidentAreCountedIntoIt() {
        incidents.on(new PosternEvent.BreakerOpened(time.instant(), "primary", 100, 0));
        incidents.on(new PosternEvent.MessageFailed(time.instant(), "m1", "out of time"));
        run(Duration.ofSeconds(5));

        assertThat(paged.getFirst().incident().orElseThrow().counts()).containsEntry("messages_failed", 1L);
    }

    @Test
    void onlyTheLastHundredResolvedIncidentsAreKept() {
        inRotation.add("primary");
        for (int i = 0; i < Alerter.RECENT + 5; i++) {
            incidents.on(new PosternEvent.BreakerOpened(time.instant(), "primary", 100, 0));
            run(Duration.ofSeconds(31));
        }

        assertThat(incidents.incidents()).hasSize(Alerter.RECENT);
        assertThat(incidents.incidents().stream().map(IncidentView::id).distinct())
                .hasSize(Alerter.RECENT);
    }

    @Test
    void aHighBounceRateIsAnIncidentOfItsOwnPagedDuringABacklogAndResolvedOnceItStopsRepeating() {
        inRotation.add("primary"); // sending well: a bounce rate is not an outage
        for (int i = 0; i < 4; i++) {
            incidents.on(new PosternEvent.BacklogHigh(time.instant(), 20_000, Duration.ofMinutes(20)));
            incidents.on(new PosternEvent.BounceRateHigh(
                    time.instant(), "primary", 0.1, 0.05, 10, 100, Duration.ofHours(1)));
            run(Duration.ofSeconds(30));
        }
        List<Alert> bounce = paged.stream()
                .filter(a -> a.incident().orElseThrow().condition().equals("bounce_rate_high"))
                .toList();
        assertThat(bounce).singleElement().satisfies(a -> {
            assertThat(a.provider()).contains("primary");
            assertThat(a.incident().orElseThrow().state()).isEqualTo(IncidentView.State.OPENED);
            assertThat(a.detail())
                    .isEqualTo("primary's hard-bounce rate is 10% (10 of 100 messages in the last 1h),"
                            + " at or above 5%");
        });

        run(Alerter.CONDITION_QUIET.minusSeconds(31));
        assertThat(paged)
                .filteredOn(a -> a.incident().orElseThrow().condition().equals("bounce_rate_high"))
                .filteredOn(a -> a.incident().orElseThrow().state() == IncidentView.State.RESOLVED)
                .isEmpty();

        run(Duration.ofSeconds(1)); // no signal for CONDITION_QUIET: the rate fell back, over

        assertThat(paged)
                .filteredOn(a -> a.incident().orElseThrow().condition().equals("bounce_rate_high"))
                .extracting(a -> a.incident().orElseThrow().state())
                .containsExactly(IncidentView.State.OPENED, IncidentView.State.RESOLVED);
        assertThat(changes)
                .filteredOn(i -> i.condition().equals("provider_down"))
                .isEmpty();
    }
}
