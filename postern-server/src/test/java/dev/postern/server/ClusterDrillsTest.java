package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.outbox.store.TestDatabases;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.sim.Fault;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import dev.postern.testing.FakeTime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drills and the provider view across two gateways in one JVM on one PostgreSQL database, in front
 * of the same two simulators, each on its own fake clock; the clocks move in step unless a test
 * says otherwise, as two machines' clocks do.
 */
class ClusterDrillsTest {
    /** Monday 2026-01-05, a minute before the drills' cron time. */
    static final Instant START = Instant.parse("2026-01-05T09:59:00Z");

    @TempDir
    Path dir;

    EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
    WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY);
    FakeTime timeA = new FakeTime(START);
    FakeTime timeB = new FakeTime(START);
    String store;

    @BeforeEach
    void start() {
        emailr.start();
        webhook.start();
        store = TestDatabases.create();
    }

    @AfterEach
    void stop() {
        emailr.close();
        webhook.close();
    }

    @AfterAll
    static void dropDatabases() {
        TestDatabases.dropAll();
    }

    TestGateway instance(String name, FakeTime time, String drills, String emailrExtra) {
        String sinks = "    - { type: log }\n" + """
                drills:
                  recovery: 3s
                  folder: %s
                %s""".formatted(dir.resolve(name), drills);
        return TestGateway.instance(store, emailrExtra, sinks, emailr, webhook, TestGateway.on(time));
    }

    /** Both clocks forward by {@code step}, A first. */
    void advanceBoth(Duration step) {
        timeA.advance(step);
        timeB.advance(step);
    }

    static String state(TestGateway gw, String provider) {
        for (JsonNode p : json(gw.get("/v1/providers", ADMIN_KEY)).get("providers")) {
            if (p.get("name").asText().equals(provider)) {
                return p.get("state").asText();
            }
        }
        throw new AssertionError("no provider " + provider);
    }

    static String post(TestGateway gw) {
        HttpResponse<String> answer =
                gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com"));
        assertThat(answer.statusCode()).isEqualTo(202);
        return json(answer).get("id").asText();
    }

    static List<JsonNode> drills(TestGateway gw) {
        return StreamSupport.stream(
                        json(gw.get("/v1/drills", ADMIN_KEY)).get("drills").spliterator(), false)
                .toList();
    }

    @Test
    void aDrillStartedOnOneInstanceStopsSendsThroughTheProviderOnTheOtherWithinOneTick() {
        try (TestGateway a = instance("a", timeA, "", "");
                TestGateway b = instance("b", timeB, "", "")) {
            HttpResponse<String> started =
                    a.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"emailr\", \"duration\": \"10m\"}");
            assertThat(started.statusCode()).isEqualTo(202);
            String id = json(started).get("id").asText();

            timeB.advance(ClusterNode.TICK); // one tick, well within the 2 s allowed

            assertThat(state(b, "emailr")).isEqualTo("drill");
            String sent = post(b);
            timeB.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the send
            JsonNode view = json(b.get("/v1/messages/" + sent, SEND_KEY));
            assertThat(view.get("status").asText()).isEqualTo("delivered");
            assertThat(view.get("provider").asText()).isEqualTo("backup");
            assertThat(emailr.received()).isEmpty();
            // one drill at a time, across the cluster
            HttpResponse<String> second =
                    b.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"backup\", \"duration\": \"1m\"}");
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(json(second).at("/error/message").asText()).contains(id);

            assertThat(a.post("/v1/drills/" + id + "/abort", ADMIN_KEY, "{}").statusCode())
                    .isEqualTo(200);
            timeB.advance(ClusterNode.TICK);

            assertThat(state(b, "emailr")).isEqualTo("available");
        }
    }

    @Test
    void aScheduledDrillRunsOnceForTwoInstances() {
        String schedule = """
                  schedule: "0 10 * * MON"
                  duration: 1m
                  jitter: 30s
                """;
        try (TestGateway a = instance("a", timeA, schedule, "");
                TestGateway b = instance("b", timeB, schedule, "")) {
            for (int i = 0; i < 4 * 60; i++) {
                advanceBoth(Duration.ofSeconds(1));
            }

            List<JsonNode> all = new ArrayList<>(drills(a));
            all.addAll(drills(b));
            assertThat(all).singleElement().satisfies(d -> {
                assertThat(d.get("origin").asText()).isEqualTo("schedule");
                assertThat(d.get("status").asText()).isNotEqualTo("running");
            });
        }
    }

    @Test
    void theReportCountsTheTrafficOfBothInstances() {
        try (TestGateway a = instance("a", timeA, "", "");
                TestGateway b = instance("b", timeB, "", "")) {
            String id = json(a.post("/v1/drills", ADMIN_KEY, "{\"provider\": \"emailr\", \"duration\": \"10s\"}"))
                    .get("id")
                    .asText();
            timeB.advance(ClusterNode.TICK);
            timeA.advance(ClusterNode.TICK);
            // five messages a second for 8 s, most through B, whose attempts A's recorder never hears
            for (int i = 0; i < 40; i++) {
                post(i % 4 == 0 ? a : b);
                advanceBoth(Duration.ofMillis(200));
            }
            assertThat(emailr.received()).isEmpty();
            assertThat(webhook.received()).hasSize(40);

            JsonNode done = finish(a, id);

            JsonNode report = done.get("report");
            assertThat(report.at("/per_provider/backup/during/accepted").asInt())
                    .as(report.toString())
                    .isEqualTo(40);
            assertThat(report.get("delivered").asLong()).isEqualTo(40);
            assertThat(report.get("latency_samples").asInt()).isEqualTo(40);
        }
    }

    @Test
    void theClusterViewShowsEachInstancesJudgementOfAProvider() {
        String breaker = "circuit_breaker: { window: 2, minimum_calls: 2, open_duration: 10m }";
        try (TestGateway a = instance("a", timeA, "", breaker);
                TestGateway b = instance("b", timeB, "", breaker)) {
            emailr.fault(new Fault.Error(503));
            // only B sends, so only B sees emailr fail
            for (int i = 0; i < 2; i++) {
                post(b);
                timeB.advance(Duration.ofMillis(100));
            }
            emailr.fault(new Fault.Ok());
            advanceBoth(ClusterNode.TICK);

            JsonNode view = json(a.get("/v1/providers?cluster=true", ADMIN_KEY));

            JsonNode emailrView = StreamSupport.stream(view.get("providers").spliterator(), false)
                    .filter(p -> p.get("name").asText().equals("emailr"))
                    .findFirst()
                    .orElseThrow();
            assertThat(emailrView.get("agree").asBoolean()).isFalse();
            assertThat(StreamSupport.stream(emailrView.get("instances").spliterator(), false)
                            .map(i -> i.get("instance").asText() + " "
                                    + i.get("breaker").asText()))
                    .containsExactlyInAnyOrder(
                            a.gateway.cluster().id() + " closed",
                            b.gateway.cluster().id() + " open");
            assertThat(view.get("instances")).hasSize(2);
            assertThat(a.get("/v1/providers?cluster=true", SEND_KEY).statusCode())
                    .isEqualTo(403);
        }
    }

    /** Moves both clocks a tenth of a second at a time until drill {@code id} has ended, for at most a minute. */
    JsonNode finish(TestGateway gw, String id) {
        for (int i = 0; i < 600; i++) {
            JsonNode drill = json(gw.get("/v1/drills/" + id, ADMIN_KEY));
            if (!drill.get("status").asText().equals("running")) {
                return drill;
            }
            advanceBoth(Duration.ofMillis(100));
        }
        throw new AssertionError("drill " + id + " still running after a minute");
    }
}
