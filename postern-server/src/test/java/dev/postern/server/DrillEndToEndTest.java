package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.testing.FakeTime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover drills through the HTTP API, against the simulators: emailr is the primary, the
 * generic webhook provider ("backup") the only other. The gateway's {@code drills} section rides
 * after its alert sinks in {@link TestGateway}'s YAML.
 */
class DrillEndToEndTest {
    @TempDir
    Path dir;

    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    String drillsSection(String recovery) {
        return """
                drills:
                  recovery: %s
                  probe_to: drill-probe@shop.example
                  folder: %s
                """.formatted(recovery, dir.resolve("reports"));
    }

    JsonNode drill(String id) {
        return json(gw.get("/v1/drills/" + id, ADMIN_KEY));
    }

    /** One twentieth of a second of a shop's traffic: a message through the API, sent before time moves on. */
    void sendForFiftyMillis(FakeTime time, List<String> posted) {
        posted.add(json(gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com")))
                .get("id")
                .asText());
        time.advance(Duration.ofMillis(50)); // the dispatcher's pump runs here, to the end of the send
    }

    @Test
    void aTwentySecondDrillOnThePrimaryUnderLoadPassesAndItsNumbersMatchTheSimulators() {
        FakeTime time = new FakeTime();
        gw = new TestGateway(dir, "    - { type: log }\n" + drillsSection("8s"), TestGateway.on(time));
        List<String> posted = new ArrayList<>();
        // 20 messages a second through the API, as a shop would send them
        for (int i = 0; i < 20; i++) {
            sendForFiftyMillis(time, posted);
        }
        assertThat(gw.emailr.received()).hasSize(20);

        HttpResponse<String> started =
                gw.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"emailr\", \"duration\": \"20s\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json(started).get("id").asText();
        assertThat(json(started).get("status").asText()).isEqualTo("running");
        for (int i = 0; i < 20 * 20; i++) {
            sendForFiftyMillis(time, posted);
        }
        assertThat(drill(id).get("restored_at").isNull()).isFalse();
        int atRestore = gw.emailr.received().size();
        for (int i = 0; i < 20; i++) {
            sendForFiftyMillis(time, posted);
        }
        assertThat(gw.emailr.received().size()).isGreaterThan(atRestore + 5);
        assertThat(json(gw.get("/v1/drills", ADMIN_KEY)).at("/drills/0/id").asText())
                .isEqualTo(id);
        JsonNode done = finish(time, id);
        assertThat(gw.gateway.outbox().depth()).isZero();

        JsonNode report = done.get("report");
        assertThat(done.get("status").asText())
                .as(report.get("verdict_reasons").toString())
                .isEqualTo("passed");
        assertThat(report.get("failed").asLong()).isZero();
        // every message went out exactly once, and the report counted each where the simulators saw it
        assertThat(gw.emailr.received().size() + gw.webhook.received().size()).isEqualTo(posted.size());
        assertThat(report.at("/per_provider/emailr/accepted").asInt())
                .isEqualTo(gw.emailr.received().size());
        assertThat(report.at("/per_provider/backup/accepted").asInt())
                .isEqualTo(gw.webhook.received().size())
                .isGreaterThan(200); // 400: 20 s at 20 msg/s
        assertThat(report.at("/per_provider/backup/before").isEmpty()).isTrue();
        assertThat(report.at("/per_provider/emailr/after/accepted").asInt()).isPositive();
        assertThat(report.get("delivered").asLong()).isBetween(200L, 440L);
        assertThat(report.get("p99_latency_ms").asLong())
                .isLessThanOrEqualTo(report.get("max_latency_ms").asLong());
        assertThat(report.get("backup_took_load_ms").asLong()).isNotNegative();
        assertThat(report.get("primary_took_back_ms").asLong()).isNotNegative();
        assertThat(StreamSupport.stream(report.get("alerts").spliterator(), false))
                .anySatisfy(a -> {
                    assertThat(a.get("event").asText()).isEqualTo("drill_started");
                    assertThat(a.get("sink").asText()).isEqualTo("log (alerts.sinks[0])");
                    assertThat(a.get("accepted").asBoolean()).isTrue();
                });
        assertThat(dir.resolve("reports").resolve(id + ".md")).content().contains("passed");
        assertThat(dir.resolve("reports").resolve(id + ".html"))
                .content()
                .contains("<svg")
                .doesNotContain("src=");
    }

    @Test
    void aDrillWhoseAlertWebhookIsUnreachableFailsNamingTheSink() {
        // the default sinks: the log, and a webhook on a port nobody listens on
        FakeTime time = new FakeTime();
        gw = new TestGateway(dir, TestGateway.DEFAULT_SINKS + drillsSection("3s"), TestGateway.on(time));

        HttpResponse<String> started =
                gw.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"emailr\", \"duration\": \"2s\", \"probes\": 2}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json(started).get("id").asText();

        JsonNode done = finish(time, id);
        assertThat(done.get("status").asText()).isEqualTo("failed");
        JsonNode report = done.get("report");
        assertThat(report.get("verdict_reasons").toString())
                .contains("alert drill_started did not reach sink webhook 127.0.0.1:9 (alerts.sinks[1])")
                .contains("emailr took traffic back");
        assertThat(report.at("/probes/sent").asInt()).isEqualTo(3);
        assertThat(StreamSupport.stream(report.get("alerts").spliterator(), false))
                .anySatisfy(a -> assertThat(a.get("sink").asText()).startsWith("log"))
                .filteredOn(a -> a.get("sink").asText().startsWith("webhook"))
                .allSatisfy(a -> assertThat(a.get("accepted").asBoolean()).isFalse());
    }

    @Test
    void theApiRefusesASecondDrillAndAbortPutsTheProviderBackAtOnce() {
        gw = new TestGateway(dir, "    - { type: log }\n" + drillsSection("3s"));
        String id = json(gw.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"emailr\", \"duration\": \"10m\"}"))
                .get("id")
                .asText();

        HttpResponse<String> second =
                gw.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"backup\", \"duration\": \"1m\"}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).at("/error/message").asText()).contains("one drill at a time");
        assertThat(gw.post("/v1/drills", SEND_KEY, "{\"provider\": \"backup\"}").statusCode())
                .isEqualTo(403);
        assertThat(providerState("emailr")).isEqualTo("drill");

        HttpResponse<String> aborted = gw.post("/v1/drills/" + id + "/abort", ADMIN_KEY, "{}");

        assertThat(aborted.statusCode()).isEqualTo(200);
        assertThat(json(aborted).get("status").asText()).isEqualTo("aborted");
        assertThat(providerState("emailr")).isEqualTo("available");
        assertThat(gw.post("/v1/drills/" + id + "/abort", ADMIN_KEY, "{}").statusCode())
                .isEqualTo(409);
        assertThat(gw.get("/v1/drills/no-such-drill", ADMIN_KEY).statusCode()).isEqualTo(404);
    }

    /** Moves time a tenth of a second at a time until drill {@code id} has ended, for at most a minute. */
    JsonNode finish(FakeTime time, String id) {
        for (int i = 0; i < 600; i++) {
            JsonNode drill = drill(id);
            if (!drill.get("status").asText().equals("running")) {
                return drill;
            }
            time.advance(Duration.ofMillis(100));
        }
        throw new AssertionError("drill " + id + " still running after a minute: " + drill(id));
    }

    String providerState(String name) {
        for (JsonNode p : json(gw.get("/v1/providers", ADMIN_KEY)).get("providers")) {
            if (p.get("name").asText().equals(name)) {
                return p.get("state").asText();
            }
        }
        throw new AssertionError("no provider " + name);
    }
}
