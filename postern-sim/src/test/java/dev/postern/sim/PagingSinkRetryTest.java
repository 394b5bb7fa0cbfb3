package dev.postern.sim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postern.alert.Alert;
import dev.postern.alert.AlertConfig;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertSink;
import dev.postern.alert.IncidentView;
import dev.postern.alert.OpsgenieAlertSink;
import dev.postern.alert.PagerDutyAlertSink;
import dev.postern.alert.internal.Alerter;
import dev.postern.event.PosternEvent;
import dev.postern.sim.opsgenie.OpsgenieSimulator;
import dev.postern.sim.pagerduty.PagerDutySimulator;
import dev.postern.testing.FakeTime;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The paging sinks behind Postern's alerter, on fake time: a PagerDuty or Opsgenie that answers
 * 500, then 429, is retried with the same backoff as every sink until it takes the page, and the
 * resolve reaches it under the same key. The alerts here are given their incident by the test (the
 * alerter's incident lifecycle is not this test's subject); no secret reaches the logs.
 */
class PagingSinkRetryTest {
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";
    private static final String API_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";

    private final FakeTime time = new FakeTime();
    private final List<AlertDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final PagerDutySimulator pagerDuty = new PagerDutySimulator(0, ROUTING_KEY).start();
    private final OpsgenieSimulator opsgenie = new OpsgenieSimulator(0, API_KEY).start();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    /** Postern's own logs, at every level (the simulators' HTTP server logs the headers it reads at DEBUG). */
    private final Logger posternLogger = (Logger) LoggerFactory.getLogger("dev.postern");

    private Level posternLevel;

    @BeforeEach
    void captureLogs() {
        posternLevel = posternLogger.getLevel();
        posternLogger.setLevel(Level.DEBUG);
        logs.start();
        posternLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        posternLogger.detachAppender(logs);
        posternLogger.setLevel(posternLevel);
        pagerDuty.close();
        opsgenie.close();
    }

    /** Gives each alert the incident it would belong to: unhealthy opens {@code inc-1}, recovered resolves it. */
    private static AlertSink inIncident(AlertSink sink) {
        return alert -> {
            boolean resolves = alert.event().equals("provider_recovered");
            IncidentView incident = new IncidentView(
                    "inc-1",
                    resolves ? IncidentView.State.RESOLVED : IncidentView.State.OPENED,
                    alert.provider(),
                    "provider_down",
                    time0(),
                    resolves ? Optional.of(alert.at()) : Optional.empty(),
                    List.of("provider_unhealthy"),
                    Map.of("messages_failed_over", 3L),
                    Optional.empty());
            sink.deliver(new Alert(
                    alert.event(),
                    alert.provider(),
                    alert.at(),
                    alert.detail(),
                    alert.counts(),
                    alert.reminder(),
                    Optional.of(incident)));
        };
    }

    private static java.time.Instant time0() {
        return java.time.Instant.parse("2026-01-05T09:00:00Z");
    }

    private Alerter alerter(AlertSink sink) {
        return new Alerter(AlertConfig.DEFAULTS, List.of(inIncident(sink)), time, Runnable::run, time, deliveries::add);
    }

    private List<String> deliveryLog() {
        return deliveries.stream()
                .map(d -> d.alert().event() + " " + d.getClass().getSimpleName() + "@" + d.attempt())
                .toList();
    }

    @Test
    void aPagerDutyAnswering500Then429IsRetriedUntilItTakesTheTriggerAndTheResolveFollows() {
        Alerter alerter = alerter(new PagerDutyAlertSink(
                URI.create(pagerDuty.baseUrl() + PagerDutySimulator.EVENTS_PATH), ROUTING_KEY, Duration.ofSeconds(5)));
        pagerDuty.fault(new Fault.Error(500));

        alerter.on(new PosternEvent.ProviderUnhealthy(time.instant(), "sendgrid", "connection refused"));
        pagerDuty.fault(new Fault.RateLimit(Duration.ofSeconds(1)));
        time.advance(Duration.ofSeconds(1));
        pagerDuty.fault(new Fault.Ok());
        time.advance(Duration.ofSeconds(2));
        alerter.on(new PosternEvent.ProviderRecovered(time.instant(), "sendgrid"));

        assertThat(deliveryLog())
                .containsExactly(
                        "provider_unhealthy Retrying@1",
                        "provider_unhealthy Retrying@2",
                        "provider_unhealthy Delivered@3",
                        "provider_recovered Delivered@1");
        assertThat(pagerDuty.events())
                .extracting(e -> e.action() + " " + e.dedupKey())
                .containsExactly("trigger inc-1", "resolve inc-1");
        assertThat(pagerDuty.openAlerts()).isEmpty();
        assertNoSecretLogged(ROUTING_KEY);
    }

    @Test
    void anOpsgenieAnswering503Then429IsRetriedUntilItTakesTheAlertAndTheCloseFollows() {
        Alerter alerter = alerter(new OpsgenieAlertSink(opsgenie.baseUrl(), API_KEY, Duration.ofSeconds(5)));
        opsgenie.fault(new Fault.Error(503));

        alerter.on(new PosternEvent.ProviderUnhealthy(time.instant(), "sendgrid", "connection refused"));
        opsgenie.fault(new Fault.RateLimit(Duration.ofSeconds(1)));
        time.advance(Duration.ofSeconds(1));
        opsgenie.fault(new Fault.Ok());
        time.advance(Duration.ofSeconds(2));
        alerter.on(new PosternEvent.ProviderRecovered(time.instant(), "sendgrid"));

        assertThat(deliveryLog())
                .containsExactly(
                        "provider_unhealthy Retrying@1",
                        "provider_unhealthy Retrying@2",
                        "provider_unhealthy Delivered@3",
                        "provider_recovered Delivered@1");
        assertThat(opsgenie.requests())
                .extracting(r -> r.action() + " " + r.alias())
                .containsExactly("create inc-1", "close inc-1");
        assertThat(opsgenie.alert("inc-1"))
                .hasValueSatisfying(a -> assertThat(a.open()).isFalse());
        assertNoSecretLogged(API_KEY);
    }

    private void assertNoSecretLogged(String secret) {
        assertThat(logs.list).as("the retries were logged").isNotEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(secret));
    }
}
