package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.postern.sim.Fault;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real gateway after real traffic: valid Prometheus text, every series
 * docs/metrics.md documents, values that match what was sent, and every metric the Prometheus
 * alert rules and the Grafana dashboard in deploy/ use.
 */
class MetricsEndpointTest {
    private static final Pattern METRIC = Pattern.compile("\\bpostern_[a-z_]+");
    private static final Path REPO = Path.of("..");

    @TempDir
    Path dir;

    /** Three messages through emailr, then emailr down and two through the backup, each sent when time moves. */
    private static PromText traffic(TestGateway gw, FakeTime time) {
        for (int i = 0; i < 3; i++) {
            send(gw);
        }
        time.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the sends
        assertThat(gw.emailr.received()).hasSize(3);
        gw.emailr.fault(new Fault.Down());
        for (int i = 0; i < 2; i++) {
            send(gw);
        }
        time.advance(Duration.ZERO);
        assertThat(gw.webhook.received()).hasSize(2);
        PromText m = scrape(gw);
        assertThat(m.value("postern_messages_delivered_total")).isEqualTo(5);
        assertThat(m.value("postern_queue_depth")).isZero();
        return m;
    }

    /** A gateway with the default sinks on {@code time}. */
    private TestGateway gateway(FakeTime time) {
        return new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time));
    }

    private static void send(TestGateway gw) {
        HttpResponse<String> r = gw.post(
                "/v1/messages", TestGateway.SEND_KEY, TestGateway.message("orders@shop.example", "ada@example.com"));
        assertThat(r.statusCode()).isEqualTo(202);
    }

    private static PromText scrape(TestGateway gw) {
        HttpResponse<String> r = gw.get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        return PromText.parse(r.body());
    }

    @Test
    void metricsAreServedWithoutAKeyAsPrometheusTextWithTheValuesOfWhatWasSent() {
        FakeTime time = new FakeTime();
        try (TestGateway gw = gateway(time)) {
            PromText m = traffic(gw, time);

            assertThat(m.value("postern_messages_accepted_total")).isEqualTo(5);
            assertThat(m.value("postern_messages_delivered_total")).isEqualTo(5);
            assertThat(m.value("postern_messages_failed_total")).isZero();
            assertThat(m.value("postern_attempts_total", "outcome", "accepted", "provider", "emailr"))
                    .isEqualTo(3);
            assertThat(m.value("postern_attempts_total", "outcome", "unavailable", "provider", "emailr"))
                    .isEqualTo(2);
            assertThat(m.value("postern_attempts_total", "outcome", "accepted", "provider", "backup"))
                    .isEqualTo(2);
            assertThat(m.value("postern_failovers_total", "from", "emailr", "to", "backup"))
                    .isEqualTo(2);
            assertThat(m.value("postern_provider_latency_seconds_count", "provider", "emailr"))
                    .isEqualTo(5);
            assertThat(m.type("postern_provider_latency_seconds")).isEqualTo("histogram");
            assertThat(m.value("postern_queue_depth")).isZero();
            assertThat(m.value("postern_queue_oldest_age_seconds")).isZero();
            assertThat(m.value("postern_breaker_state", "provider", "emailr", "state", "closed"))
                    .isEqualTo(1);
            assertThat(m.value("postern_breaker_state", "provider", "emailr", "state", "open"))
                    .isZero();
            assertThat(m.value("postern_provider_available", "provider", "backup"))
                    .isEqualTo(1);
            assertThat(m.value("postern_providers_available")).isEqualTo(2);
            assertThat(m.value("postern_events_total", "type", "failover")).isEqualTo(2);
            assertThat(m.value("postern_incidents_total", "condition", "provider_down", "provider", "emailr"))
                    .isEqualTo(1);
            assertThat(m.value("postern_incidents_open", "condition", "provider_down", "provider", "emailr"))
                    .isEqualTo(1);
            time.advance(dev.postern.alert.AlertConfig.DEFAULTS.groupWait()); // the incident's page goes out
            assertThat(scrape(gw).value("postern_alert_deliveries_total", "result", "ok", "sink", "log"))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void everySeriesDocsMetricsMdNamesIsServed() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(REPO.resolve("docs/metrics.md"))) {
            if (line.startsWith("| `postern_")) {
                documented.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        assertThat(documented).hasSizeGreaterThan(15);
        FakeTime time = new FakeTime();
        try (TestGateway gw = gateway(time)) {
            PromText m = traffic(gw, time);
            PromText after = scrape(gw);
            assertThat(after.has("postern_alert_deliveries_total")).isTrue();

            assertThat(documented)
                    .allSatisfy(name -> assertThat(after.has(name) || m.has(name))
                            .as(name + " is served")
                            .isTrue());
        }
    }

    @Test
    void theGrafanaDashboardUsesOnlyServedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(REPO.resolve("deploy/grafana-dashboard.json").toFile());
        List<String> used = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        FakeTime time = new FakeTime();
        try (TestGateway gw = gateway(time)) {
            PromText m = traffic(gw, time);

            assertThat(used)
                    .hasSizeGreaterThan(10)
                    .allSatisfy(name ->
                            assertThat(m.has(name)).as(name + " is served").isTrue());
        }
    }

    @Test
    void theAlertRulesAreValidYamlAndEveryMetricTheyUseIsServed() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(REPO.resolve("deploy/prometheus-alerts.yml").toFile());
        List<String> used = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                alerts.add(rule.get("alert").asText());
                Matcher m = METRIC.matcher(rule.get("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(alerts)
                .contains(
                        "PosternProviderDown", "PosternAllProvidersDown", "PosternBacklogHigh", "PosternFailoverRate");
        FakeTime time = new FakeTime();
        try (TestGateway gw = gateway(time)) {
            PromText m = traffic(gw, time);

            assertThat(used)
                    .isNotEmpty()
                    .allSatisfy(name ->
                            assertThat(m.has(name)).as(name + " is served").isTrue());
        }
    }
}
