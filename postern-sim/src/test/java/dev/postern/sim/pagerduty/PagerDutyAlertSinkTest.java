package dev.postern.sim.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.alert.Alert;
import dev.postern.alert.AlertRefusedException;
import dev.postern.alert.IncidentView;
import dev.postern.alert.PagerDutyAlertSink;
import dev.postern.sim.Fault;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Postern's PagerDuty sink against the Events API v2 simulator: one PagerDuty alert per incident. */
class PagerDutyAlertSinkTest {
    private static final String KEY = PagerDutySimulatorTest.KEY;
    private static final Instant OPENED = Instant.parse("2026-01-05T09:00:00Z");

    private final PagerDutySimulator sim = new PagerDutySimulator(0, KEY).start();
    private final PagerDutyAlertSink sink = new PagerDutyAlertSink(
            URI.create(sim.baseUrl() + PagerDutySimulator.EVENTS_PATH), KEY, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        sim.close();
    }

    static Alert alert(String id, IncidentView.State state) {
        boolean resolved = state == IncidentView.State.RESOLVED;
        Instant at = resolved ? OPENED.plusSeconds(200) : OPENED.plusSeconds(3);
        return new Alert(
                resolved ? "provider_recovered" : "provider_unhealthy",
                Optional.of("sendgrid"),
                at,
                resolved ? "sendgrid is back" : "sendgrid refused connections",
                Map.of("occurrences", 1L),
                state == IncidentView.State.UPDATED,
                Optional.of(new IncidentView(
                        id,
                        state,
                        Optional.of("sendgrid"),
                        "provider_down",
                        OPENED,
                        resolved ? Optional.of(at) : Optional.empty(),
                        List.of("failover", "breaker_opened", "provider_unhealthy"),
                        Map.of("messages_failed_over", 42L, "messages_failed", 0L, "latency_p99_ms", 2100L),
                        Optional.of("connection refused"))));
    }

    @Test
    void openedTriggersAndResolvedResolvesWithTheIncidentIdAsDedupKey() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.OPENED));
        assertThat(sim.openAlerts()).containsExactly("inc-7");

        sink.deliver(alert("inc-7", IncidentView.State.RESOLVED));

        assertThat(sim.events())
                .extracting(PagerDutySimulator.Event::action, PagerDutySimulator.Event::dedupKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("trigger", "inc-7"),
                        org.assertj.core.groups.Tuple.tuple("resolve", "inc-7"));
        assertThat(sim.openAlerts()).isEmpty();
    }

    @Test
    void theTriggerCarriesSummarySourceSeverityAndTheIncidentsStory() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.OPENED));

        JsonNode payload = sim.events().getFirst().body().path("payload");
        assertThat(payload.path("summary").asText())
                .isEqualTo("Postern: provider_down (sendgrid) — sendgrid refused connections");
        assertThat(payload.path("source").asText()).isEqualTo("postern");
        assertThat(payload.path("severity").asText()).isEqualTo("error");
        assertThat(payload.path("timestamp").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(payload.path("component").asText()).isEqualTo("sendgrid");
        assertThat(payload.path("class").asText()).isEqualTo("provider_down");
        JsonNode details = payload.path("custom_details");
        assertThat(details.path("incident_id").asText()).isEqualTo("inc-7");
        assertThat(details.path("counts").path("messages_failed_over").asLong()).isEqualTo(42);
        assertThat(details.path("signals").toString()).contains("breaker_opened");
        assertThat(details.path("last_answer").asText()).isEqualTo("connection refused");
    }

    @Test
    void anUpdateIsTheSameTriggerAgainSoPagerDutyKeepsOneAlert() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.OPENED));
        sink.deliver(alert("inc-7", IncidentView.State.UPDATED));

        assertThat(sim.events()).extracting(PagerDutySimulator.Event::action).containsExactly("trigger", "trigger");
        assertThat(sim.openAlerts()).containsExactly("inc-7");
    }

    @Test
    void aLateTriggerAfterTheResolveIsDroppedSoNoPageStaysOpen() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.RESOLVED));
        sink.deliver(alert("inc-7", IncidentView.State.OPENED)); // a retry that lost the race

        assertThat(sim.events()).extracting(PagerDutySimulator.Event::action).containsExactly("resolve");
        assertThat(sim.openAlerts()).isEmpty();
    }

    @Test
    void anAlertOutsideAnyIncidentPagesNobody() throws Exception {
        sink.deliver(new Alert("drill_finished", Optional.empty(), OPENED, "drill passed", Map.of(), false));

        assertThat(sim.events()).isEmpty();
    }

    @Test
    void a5xxOrA429IsRetryableAndA400IsRefusedForGood() {
        sim.fault(new Fault.Error(500));
        assertThatThrownBy(() -> sink.deliver(alert("inc-7", IncidentView.State.OPENED)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500");

        sim.fault(new Fault.RateLimit(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> sink.deliver(alert("inc-7", IncidentView.State.OPENED)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 429");

        sim.fault(new Fault.AuthFail());
        assertThatThrownBy(() -> sink.deliver(alert("inc-7", IncidentView.State.OPENED)))
                .isInstanceOf(AlertRefusedException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Invalid routing key")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void theRoutingKeyStaysOutOfToStringAndAKeyWithALineBreakIsRefused() {
        assertThat(sink.toString()).doesNotContain(KEY).contains("127.0.0.1");
        assertThatThrownBy(() -> new PagerDutyAlertSink("abc\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routing_key")
                .hasMessageNotContaining("abc");
    }
}
