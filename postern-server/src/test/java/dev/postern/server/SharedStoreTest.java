package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.outbox.store.TestDatabases;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import dev.postern.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateways in one JVM on one PostgreSQL database, in front of the same two simulators. */
class SharedStoreTest {
    EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
    WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY);
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

    private TestGateway instance(String emailrExtra) {
        return TestGateway.instance(store, emailrExtra, emailr, webhook);
    }

    private TestGateway instance(String emailrExtra, FakeTime time) {
        return TestGateway.instance(store, emailrExtra, emailr, webhook, TestGateway.on(time));
    }

    private static List<String> instanceIds(TestGateway gw) {
        JsonNode answer = json(gw.get("/v1/cluster", ADMIN_KEY));
        return StreamSupport.stream(answer.get("instances").spliterator(), false)
                .map(i -> i.get("id").asText())
                .toList();
    }

    private static String state(TestGateway gw, String provider) {
        for (JsonNode p : json(gw.get("/v1/providers", ADMIN_KEY)).get("providers")) {
            if (p.get("name").asText().equals(provider)) {
                return p.get("state").asText();
            }
        }
        throw new AssertionError("no provider " + provider);
    }

    @Test
    void clusterListsEveryLiveInstanceToAdminsAndForgetsOneThatStops() {
        try (TestGateway a = instance("")) {
            String idA = a.gateway.cluster().id();
            // the heartbeat and the claims name one owner, so the claims follow the heartbeat
            assertThat(a.gateway.outbox().instanceId()).isEqualTo(idA);
            String idB;
            try (TestGateway b = instance("")) {
                idB = b.gateway.cluster().id();
                assertThat(instanceIds(a)).containsExactlyInAnyOrder(idA, idB);
                assertThat(instanceIds(b)).containsExactlyInAnyOrder(idA, idB);
                JsonNode answer = json(b.get("/v1/cluster", ADMIN_KEY));
                assertThat(answer.get("self").asText()).isEqualTo(idB);
                assertThat(answer.get("shared_store").asBoolean()).isTrue();
                assertThat(a.get("/v1/cluster", SEND_KEY).statusCode()).isEqualTo(403);
            }
            assertThat(instanceIds(a)).containsExactly(idA);
        }
    }

    @Test
    void drainIssuedOnOneInstanceIsHonouredByTheOtherAtItsNextTick() {
        FakeTime timeA = new FakeTime();
        FakeTime timeB = new FakeTime();
        try (TestGateway a = instance("", timeA);
                TestGateway b = instance("", timeB)) {
            assertThat(a.post("/v1/providers/emailr/drain", ADMIN_KEY, "").statusCode())
                    .isEqualTo(200);
            assertThat(state(b, "emailr")).isEqualTo("available");

            timeB.advance(ClusterNode.TICK);

            assertThat(state(b, "emailr")).isEqualTo("drained");
            String id = json(b.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com")))
                    .get("id")
                    .asText();
            timeB.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the send
            JsonNode view = json(b.get("/v1/messages/" + id, SEND_KEY));
            assertThat(view.get("status").asText()).isEqualTo("delivered");
            assertThat(view.get("provider").asText()).isEqualTo("backup");
            assertThat(emailr.received()).isEmpty();

            assertThat(b.post("/v1/providers/emailr/undrain", ADMIN_KEY, "").statusCode())
                    .isEqualTo(200);
            timeA.advance(ClusterNode.TICK);
            assertThat(state(a, "emailr")).isEqualTo("available");
        }
    }

    @Test
    void twoInstancesTogetherKeepToTheProvidersLimitOf40PerSecond() {
        int perGateway = 300;
        try (TestGateway a = instance("rate_limit: { per_second: 40 }");
                TestGateway b = instance("rate_limit: { per_second: 40 }")) {
            // Batches of 25 to each instance in turn: demand far above 40/s, so both instances
            // want emailr in every second and spill what the budget refuses to the backup.
            for (int i = 0; i < perGateway / 25; i++) {
                for (TestGateway gw : List.of(a, b)) {
                    String batch = "{\"messages\": ["
                            + String.join(
                                    ",", Collections.nCopies(25, message("orders@shop.example", "ada@example.com")))
                            + "]}";
                    assertThat(gw.post("/v1/messages/batch", SEND_KEY, batch).statusCode())
                            .isEqualTo(200);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> emailr.received().size() + webhook.received().size() == 2 * perGateway);
        }
        Map<Long, Long> perSecond = new TreeMap<>(emailr.receivedAt().stream()
                .collect(Collectors.groupingBy(Instant::getEpochSecond, Collectors.counting())));
        long seconds = perSecond.isEmpty() ? 0 : lastKey(perSecond) - firstKey(perSecond) + 1;
        System.out.println("emailr (limit 40/s, two instances) per second: " + perSecond.values() + "; backup took "
                + webhook.received().size());
        // The budget is counted when a send starts and the simulator counts when it arrives, so a
        // second may see the end of the one before (at most the burst, 40, more) and, on a loaded
        // machine where a send can take over a second to arrive, a straggler of the one before that.
        // Any two seconds in a row therefore hold at most two windows and one burst: 120, where each
        // instance keeping a budget of its own would reach 160.
        perSecond.forEach((second, n) -> assertThat(n + perSecond.getOrDefault(second - 1, 0L))
                .as("seconds %d and %d", second - 1, second)
                .isLessThanOrEqualTo(120));
        // Over the whole run, one budget of 40 per second (each instance on its own would allow 80):
        // the run's seconds, plus one for the sends counted in a window but arriving in the next.
        assertThat(emailr.received().size()).isLessThanOrEqualTo((int) (40 * (seconds + 1)));
        assertThat(webhook.received()).isNotEmpty();
    }

    private static long firstKey(Map<Long, Long> m) {
        return ((TreeMap<Long, Long>) m).firstKey();
    }

    private static long lastKey(Map<Long, Long> m) {
        return ((TreeMap<Long, Long>) m).lastKey();
    }
}
