package dev.postern.sim.opsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.alert.Alert;
import dev.postern.alert.AlertRefusedException;
import dev.postern.alert.IncidentView;
import dev.postern.alert.OpsgenieAlertSink;
import dev.postern.sim.Fault;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Postern's Opsgenie sink against the Alert API simulator: one Opsgenie alert per incident. */
class OpsgenieAlertSinkTest {
    private static final String KEY = OpsgenieSimulatorTest.KEY;
    private static final Instant OPENED = Instant.parse("2026-01-05T09:00:00Z");

    private final OpsgenieSimulator sim = new OpsgenieSimulator(0, KEY).start();
    private final OpsgenieAlertSink sink = new OpsgenieAlertSink(sim.baseUrl(), KEY, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        sim.close();
    }

    static Alert alert(String id, IncidentView.State state, String detail) {
        boolean resolved = state == IncidentView.State.RESOLVED;
        Instant at = resolved ? OPENED.plusSeconds(200) : OPENED.plusSeconds(3);
        return new Alert(
                resolved ? "provider_recovered" : "provider_unhealthy",
                Optional.of("sendgrid"),
                at,
                detail,
                Map.of("occurrences", 1L),
                state == IncidentView.State.UPDATED,
                Optional.of(new IncidentView(
                        id,
                        state,
                        Optional.of("sendgrid"),
                        "provider_down",
                        OPENED,
                        resolved ? Optional.of(at) : Optional.empty(),
                        List.of("failover", "provider_unhealthy"),
                        Map.of("messages_failed_over", 42L, "messages_failed", 1L),
                        Optional.of("HTTP 503: try later"))));
    }

    @Test
    void openedCreatesAndResolvedClosesTheAlertWithTheIncidentIdAsAlias() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.OPENED, "sendgrid refused connections"));
        assertThat(sim.alert("inc-7"))
                .hasValueSatisfying(a -> assertThat(a.open()).isTrue());

        sink.deliver(alert("inc-7", IncidentView.State.RESOLVED, "sendgrid is back"));

        assertThat(sim.requests())
                .extracting(OpsgenieSimulator.Request::action, OpsgenieSimulator.Request::alias)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create", "inc-7"),
                        org.assertj.core.groups.Tuple.tuple("close", "inc-7"));
        assertThat(sim.alert("inc-7")).hasValueSatisfying(a -> {
            assertThat(a.open()).isFalse();
            assertThat(a.notes().getFirst()).startsWith("Resolved: ").contains("after 3m20s");
        });
    }

    @Test
    void anIdThatWouldNeedEscapingInAPathIsSentAsItsDigestTheSameForCreateAndClose() throws Exception {
        sink.deliver(alert("sendgrid/2026-01-05 09:00", IncidentView.State.OPENED, "down"));
        sink.deliver(alert("sendgrid/2026-01-05 09:00", IncidentView.State.RESOLVED, "back"));

        List<OpsgenieSimulator.Request> requests = sim.requests();
        assertThat(requests.getFirst().alias()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(requests.get(1).alias()).isEqualTo(requests.getFirst().alias());
        assertThat(requests.get(1).succeeded()).isTrue();
        assertThat(requests.getFirst()
                        .body()
                        .path("details")
                        .path("incident_id")
                        .asText())
                .isEqualTo("sendgrid/2026-01-05 09:00");
    }

    @Test
    void theCreateCarriesMessagePriorityTagsAndDetailsWithinOpsgeniesLimits() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.OPENED, "x".repeat(500)));

        JsonNode body = sim.requests().getFirst().body();
        assertThat(body.path("message").asText()).hasSize(130).startsWith("Postern: provider_down (sendgrid) — ");
        assertThat(body.path("priority").asText()).isEqualTo("P2");
        assertThat(body.path("source").asText()).isEqualTo("postern");
        assertThat(body.path("entity").asText()).isEqualTo("sendgrid");
        assertThat(body.path("tags").toString()).contains("postern", "provider_down", "provider:sendgrid");
        assertThat(body.path("details").path("messages_failed_over").asText()).isEqualTo("42");
        assertThat(body.path("description").asText()).contains("last answer: HTTP 503: try later");
    }

    @Test
    void anUpdateAddsANoteWithTheCountsSoFar() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.OPENED, "down"));
        sink.deliver(alert("inc-7", IncidentView.State.UPDATED, "still down"));

        assertThat(sim.alert("inc-7")).hasValueSatisfying(a -> {
            assertThat(a.open()).isTrue();
            assertThat(a.notes()).singleElement().asString().contains("Still open", "messages_failed_over: 42");
        });
    }

    @Test
    void aLateCreateAfterTheCloseIsDroppedAndNoIncidentMeansNoAlert() throws Exception {
        sink.deliver(alert("inc-7", IncidentView.State.RESOLVED, "back"));
        sink.deliver(alert("inc-7", IncidentView.State.OPENED, "down"));
        sink.deliver(new Alert("drill_started", Optional.empty(), OPENED, "drill", Map.of(), false));

        assertThat(sim.requests()).extracting(OpsgenieSimulator.Request::action).containsExactly("close");
    }

    @Test
    void a5xxOrA429IsRetryableAndA401IsRefusedForGood() {
        sim.fault(new Fault.Error(503));
        assertThatThrownBy(() -> sink.deliver(alert("inc-7", IncidentView.State.OPENED, "down")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 503");

        sim.fault(new Fault.RateLimit(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> sink.deliver(alert("inc-7", IncidentView.State.OPENED, "down")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 429");

        sim.fault(new Fault.Ok());
        OpsgenieAlertSink wrongKey = new OpsgenieAlertSink(sim.baseUrl(), "not-the-key", Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrongKey.deliver(alert("inc-7", IncidentView.State.OPENED, "down")))
                .isInstanceOf(AlertRefusedException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("not-the-key");
    }

    @Test
    void theRegionChoosesTheApiAndTheKeyStaysOutOfToString() {
        assertThat(OpsgenieAlertSink.Region.US.baseUrl()).hasToString("https://api.opsgenie.com");
        assertThat(OpsgenieAlertSink.Region.EU.baseUrl()).hasToString("https://api.eu.opsgenie.com");
        assertThat(new OpsgenieAlertSink(OpsgenieAlertSink.Region.EU, KEY).toString())
                .isEqualTo("OpsgenieAlertSink[https://api.eu.opsgenie.com]")
                .doesNotContain(KEY);
        assertThatThrownBy(() -> new OpsgenieAlertSink(OpsgenieAlertSink.Region.US, "k\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api_key");
    }
}
