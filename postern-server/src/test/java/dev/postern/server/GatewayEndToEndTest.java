package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.Fault;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayEndToEndTest {
    @TempDir
    Path dir;

    TestGateway gw;

    @BeforeEach
    void start() {
        gw = new TestGateway(dir);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aMessagePostedIsQueuedDeliveredAtTheSimulatorAndShowsItsAttempt() {
        HttpResponse<String> posted =
                gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "Ada <ada@example.com>"));

        assertThat(posted.statusCode()).isEqualTo(202);
        String id = json(posted).get("id").asText();
        assertThat(json(posted).get("status").asText()).isEqualTo("queued");
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.emailr.received().size() == 1);
        assertThat(gw.emailr.received().getFirst().subject()).isEqualTo("Your receipt");
        assertThat(gw.emailr.received().getFirst().metadata()).containsEntry("postern_id", id);

        JsonNode view = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> json(gw.get("/v1/messages/" + id, SEND_KEY)),
                        v -> v.get("status").asText().equals("delivered"));
        assertThat(view.get("id").asText()).isEqualTo(id);
        assertThat(view.get("provider").asText()).isEqualTo("emailr");
        assertThat(view.get("provider_message_id").asText())
                .isEqualTo(gw.emailr.received().getFirst().providerMessageId());
        assertThat(view.get("created_at").asText()).isNotBlank();
        assertThat(view.get("delivered_at").asText()).isNotBlank();
        JsonNode attempt = view.get("attempts").get(0);
        assertThat(attempt.get("provider").asText()).isEqualTo("emailr");
        assertThat(attempt.get("outcome").asText()).isEqualTo("accepted");
        assertThat(attempt.has("started_at") && attempt.has("latency_ms") && attempt.has("detail"))
                .isTrue();
        assertThat(attempt.get("degraded").isArray()).isTrue();
        assertThat(attempt.get("ambiguous").asBoolean()).isFalse();
    }

    @Test
    void aFailingPrimaryFailsOverAndTheMessageShowsBothAttempts() {
        gw.emailr.fault(new Fault.Error(503));

        String id = json(gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com")))
                .get("id")
                .asText();

        JsonNode view = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> json(gw.get("/v1/messages/" + id, SEND_KEY)),
                        v -> v.get("status").asText().equals("delivered"));
        assertThat(view.get("provider").asText()).isEqualTo("backup");
        assertThat(view.get("attempts"))
                .extracting(a -> a.get("outcome").asText())
                .containsExactly("unavailable", "accepted");
        assertThat(gw.webhook.received()).hasSize(1);
        JsonNode events = json(gw.get("/v1/events?type=failover", ADMIN_KEY)).get("events");
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).get("provider").asText()).isEqualTo("emailr");
    }

    @Test
    void anIdempotencyKeyReplayReturnsTheSameIdAndCreatesNothing() {
        String body = message("orders@shop.example", "ada@example.com");
        HttpResponse<String> first = gw.post("/v1/messages", SEND_KEY, body, "Idempotency-Key", "order-42");
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.emailr.received().size() == 1);

        HttpResponse<String> replay = gw.post("/v1/messages", SEND_KEY, body, "Idempotency-Key", "order-42");

        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json(replay).get("id").asText())
                .isEqualTo(json(first).get("id").asText());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> other = gw.post("/v1/messages", SEND_KEY, body, "Idempotency-Key", "order-43");
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.emailr.received().size() == 2);
        assertThat(json(other).get("id").asText())
                .isNotEqualTo(json(first).get("id").asText());
    }

    @Test
    void aBatchAnswersInRequestOrderWithPerItemErrors() {
        String batch = """
                {"messages": [
                  {"from": "orders@shop.example", "to": ["a@example.com"], "subject": "1", "text": "one"},
                  {"from": "orders@shop.example", "to": ["not an address"], "subject": "2", "text": "two"},
                  {"from": "orders@elsewhere.example", "to": ["c@example.com"], "subject": "3", "text": "three"},
                  {"from": {"email": "orders@shop.example", "name": "Shop"}, "to": [{"email": "d@example.com"}],
                   "subject": "4", "text": "four"}
                ]}
                """;

        HttpResponse<String> answer = gw.post("/v1/messages/batch", SEND_KEY, batch);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode results = json(answer).get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").asText()).isEqualTo("queued");
        assertThat(results.get(1).get("error").get("field").asText()).isEqualTo("to[0]");
        assertThat(results.get(2).get("error").get("code").asText()).isEqualTo("sender_not_allowed");
        assertThat(results.get(3).get("status").asText()).isEqualTo("queued");
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.emailr.received().size() == 2);
    }

    @Test
    void providersAreListedAndAnAdminCanDrainAndUndrainOne() {
        JsonNode providers = json(gw.get("/v1/providers", SEND_KEY)).get("providers");
        assertThat(providers).extracting(p -> p.get("name").asText()).containsExactly("emailr", "backup");
        JsonNode emailr = providers.get(0);
        assertThat(emailr.get("type").asText()).isEqualTo("emailr");
        assertThat(emailr.get("state").asText()).isEqualTo("available");
        assertThat(emailr.get("breaker").asText()).isEqualTo("closed");
        assertThat(emailr.get("priority").asInt()).isEqualTo(1);
        assertThat(emailr.has("rate_limit") && emailr.has("last_health_check")).isTrue();
        // emailr's API reports no budget: the configured limit, else nothing known
        JsonNode budget = emailr.get("rate_limit_status");
        assertThat(budget.get("source").asText())
                .isEqualTo(emailr.get("rate_limit").isNull() ? "unknown" : "configured");
        assertThat(budget.has("limit") && budget.has("remaining") && budget.has("reset_at"))
                .isTrue();
        assertThat(emailr.get("stats").get("latency_ms").has("p99")).isTrue();

        HttpResponse<String> drained = gw.post("/v1/providers/emailr/drain", ADMIN_KEY, "");
        assertThat(drained.statusCode()).isEqualTo(200);
        assertThat(json(drained).get("state").asText()).isEqualTo("drained");
        String id = json(gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com")))
                .get("id")
                .asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.webhook.received().size() == 1);
        assertThat(gw.emailr.received()).isEmpty();

        assertThat(json(gw.post("/v1/providers/emailr/undrain", ADMIN_KEY, ""))
                        .get("state")
                        .asText())
                .isEqualTo("available");
        assertThat(gw.post("/v1/providers/nope/drain", ADMIN_KEY, "").statusCode())
                .isEqualTo(404);
        assertThat(id).isNotBlank();
    }

    @Test
    void theEventStreamDeliversEventsAsTheyHappen() throws Exception {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.HttpRequest request = gw.request("/v1/events/stream?type=failover", ADMIN_KEY)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        gw.client
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": postern events"));

        gw.emailr.fault(new Fault.Error(503));
        gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com"));

        String event = lines.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        while (event != null && !event.startsWith("event:")) {
            event = lines.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(event).isEqualTo("event: failover");
        assertThat(lines.poll(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("data: {\"type\":\"failover\"");
        assertThat(gw.get("/v1/events/stream", ADMIN_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void healthReadinessAndTheOpenApiDocumentNeedNoKey() {
        assertThat(gw.get("/healthz", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = gw.get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("providers_available").asInt()).isEqualTo(2);

        HttpResponse<String> document = gw.get("/openapi.json", null);
        JsonNode openApi = json(document);
        assertThat(openApi.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(openApi.get("paths").has("/v1/messages/batch")).isTrue();
        // larger than the response copy buffer and Jetty's own: arrives whole, byte for byte
        assertThat(document.body())
                .hasSizeGreaterThan(32 * 1024)
                .isEqualTo(resource("/dev/postern/server/http/openapi.json"));
    }

    private static String resource(String path) {
        try (var in = GatewayEndToEndTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readinessFailsWhenNoProviderIsAvailable() {
        gw.post("/v1/providers/emailr/drain", ADMIN_KEY, "");
        gw.post("/v1/providers/backup/drain", ADMIN_KEY, "");

        HttpResponse<String> ready = gw.get("/readyz", null);

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).get("status").asText()).isEqualTo("not_ready");
    }

    @Test
    void unknownEndpointsAnswerInTheErrorShape() {
        HttpResponse<String> answer = gw.get("/v2/nothing", null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json(answer).get("error").get("code").asText()).isEqualTo("not_found");
    }
}
