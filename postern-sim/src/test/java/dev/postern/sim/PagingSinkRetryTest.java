package dev.postern.sim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postern.alert.AlertConfig;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertSink;
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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The paging sinks behind Postern's alerter, on fake time: a PagerDuty or Opsgenie that answers
 * 500, then 429, is retried with the same backoff as every sink until it takes the page, and the
 * resolve reaches it under the same key (the incident's id, as the alerter's lifecycle gives it);
 * no secret reaches the logs.
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

    /** An alerter whose checks run every second of fake time, as the gateway runs them. */
    private Alerter alerter(AlertSink sink) {
        Alerter alerter = new Alerter(
                AlertConfig.DEFAULTS,
                List.of(sink),
                time,
                Runnable::run,
                time,
                deliveries::add,
                () -> Set.of("sendgrid"),
                List.of());
        time.every(AlertConfig.CHECK_EVERY, alerter::tick);
        return alerter;
    }

    /** The id of the one incident the test opened, as the alerter gave it to the sink. */
    private String incidentId() {
        return deliveries.getFirst().alert().incident().orElseThrow().id();
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
        time.advance(AlertConfig.DEFAULTS.groupWait()); // the incident opens: the first try fails
        pagerDuty.fault(new Fault.RateLimit(Duration.ofSeconds(1)));
        time.advance(Duration.ofSeconds(1));
        pagerDuty.fault(new Fault.Ok());
        time.advance(Duration.ofSeconds(2));
        alerter.on(new PosternEvent.ProviderRecovered(time.instant(), "sendgrid"));
        time.advance(AlertConfig.DEFAULTS.resolveAfter().plusSeconds(1)); // back and settled: resolved

        assertThat(deliveryLog())
                .containsExactly(
                        "incident_opened Retrying@1",
                        "incident_opened Retrying@2",
                        "incident_opened Delivered@3",
                        "incident_resolved Delivered@1");
        assertThat(pagerDuty.events())
                .extracting(e -> e.action() + " " + e.dedupKey())
                .containsExactly("trigger " + incidentId(), "resolve " + incidentId());
        assertThat(pagerDuty.openAlerts()).isEmpty();
        assertNoSecretLogged(ROUTING_KEY);
    }

    @Test
    void anOpsgenieAnswering503Then429IsRetriedUntilItTakesTheAlertAndTheCloseFollows() {
        Alerter alerter = alerter(new OpsgenieAlertSink(opsgenie.baseUrl(), API_KEY, Duration.ofSeconds(5)));
        opsgenie.fault(new Fault.Error(503));

        alerter.on(new PosternEvent.ProviderUnhealthy(time.instant(), "sendgrid", "connection refused"));
        time.advance(AlertConfig.DEFAULTS.groupWait()); // the incident opens: the first try fails
        opsgenie.fault(new Fault.RateLimit(Duration.ofSeconds(1)));
        time.advance(Duration.ofSeconds(1));
        opsgenie.fault(new Fault.Ok());
        time.advance(Duration.ofSeconds(2));
        alerter.on(new PosternEvent.ProviderRecovered(time.instant(), "sendgrid"));
        time.advance(AlertConfig.DEFAULTS.resolveAfter().plusSeconds(1)); // back and settled: resolved

        assertThat(deliveryLog())
                .containsExactly(
                        "incident_opened Retrying@1",
                        "incident_opened Retrying@2",
                        "incident_opened Delivered@3",
                        "incident_resolved Delivered@1");
        assertThat(opsgenie.requests())
                .extracting(r -> r.action() + " " + r.alias())
                .containsExactly("create " + incidentId(), "close " + incidentId());
        assertThat(opsgenie.alert(incidentId()))
                .hasValueSatisfying(a -> assertThat(a.open()).isFalse());
        assertNoSecretLogged(API_KEY);
    }

    private void assertNoSecretLogged(String secret) {
        assertThat(logs.list).as("the retries were logged").isNotEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(secret));
    }
}
