package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.postern.alert.WebhookAlertSink;
import dev.postern.sim.Fault;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway on fake time in front of the simulators, 10 messages a second over its HTTP API,
 * with a signed webhook alert sink received on loopback: one provider outage is one incident,
 * paged once when it opens and once when it resolves, and {@code GET /v1/incidents} and {@code
 * /metrics} show it.
 */
class IncidentsThroughGatewayTest {
    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String expected =
                    WebhookAlertSink.signature(TestGateway.ALERT_SECRET.getBytes(StandardCharsets.UTF_8), body);
            if (expected.equals(exchange.getRequestHeaders().getFirst("X-Postern-Signature"))) {
                received.add(TestGateway.JSON.readTree(body));
            } else {
                badSignatures.incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private TestGateway gateway() {
        String sinks = """
                    - { type: webhook, url: "http://127.0.0.1:%d/alerts", secret: "${ALERT_SECRET}" }
                """.formatted(receiver.getAddress().getPort());
        return new TestGateway(dir, sinks, TestGateway.on(time));
    }

    /** 10 messages a second over the HTTP API for {@code duration}, each sent as time passes. */
    private void traffic(TestGateway gw, Duration duration) {
        for (long i = 0; i < duration.toMillis() / 100; i++) {
            assertThat(gw.post(
                                    "/v1/messages",
                                    TestGateway.SEND_KEY,
                                    TestGateway.message("orders@shop.example", "ada@example.com"))
                            .statusCode())
                    .isEqualTo(202);
            time.advance(Duration.ofMillis(100));
        }
    }

    private List<JsonNode> incidentsOf(String provider) {
        return received.stream()
                .map(a -> a.get("incident"))
                .filter(i -> i != null && provider.equals(i.path("provider").asText(null)))
                .toList();
    }

    private long failedOverFrom(TestGateway gw, String provider) {
        JsonNode events = TestGateway.json(gw.get("/v1/events?type=failover&limit=1000", TestGateway.ADMIN_KEY));
        long n = 0;
        for (JsonNode e : events.get("events")) {
            n += provider.equals(e.get("provider").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void emailrDownForTwentySecondsIsOneIncidentOpenedThenResolvedWithItsCounts() {
        try (TestGateway gw = gateway()) {
            gw.emailr.fault(new Fault.Down());
            traffic(gw, Duration.ofSeconds(20));
            gw.emailr.fault(new Fault.Ok());
            traffic(gw, Duration.ofSeconds(120));
            time.advance(Duration.ofMinutes(2));

            assertThat(incidentsOf("emailr"))
                    .extracting(i -> i.get("state").asText())
                    .containsExactly("opened", "resolved");
            JsonNode resolved = incidentsOf("emailr").getLast();
            long failedOver = failedOverFrom(gw, "emailr");
            assertThat(failedOver).isPositive();
            assertThat(resolved.get("counts").get("messages_failed_over").asLong())
                    .isEqualTo(failedOver);
            assertThat(resolved.get("counts").get("messages_failed").asLong()).isZero();
            assertThat(resolved.get("last_answer").asText()).startsWith("unavailable");
            assertThat(badSignatures).hasValue(0);

            JsonNode listed = TestGateway.json(gw.get("/v1/incidents", TestGateway.ADMIN_KEY));
            assertThat(listed.get("incidents")).singleElement().satisfies(i -> {
                assertThat(i.get("id").asText()).isEqualTo(resolved.get("id").asText());
                assertThat(i.get("state").asText()).isEqualTo("resolved");
                assertThat(i.get("counts").get("messages_failed_over").asLong()).isEqualTo(failedOver);
            });
            assertThat(gw.get("/v1/incidents", TestGateway.SEND_KEY).statusCode())
                    .isEqualTo(403);
            String metrics = gw.get("/metrics", null).body();
            assertThat(metrics)
                    .contains("postern_incidents_total{condition=\"provider_down\",provider=\"emailr\"} 1.0")
                    .contains("postern_incidents_open{condition=\"provider_down\",provider=\"emailr\"} 0.0");
        }
    }

    @Test
    void aBurstOf429sFromEmailrIsOneIncidentOpenedThenResolved() {
        try (TestGateway gw = gateway()) {
            gw.emailr.fault(new Fault.RateLimit(Duration.ofSeconds(5)));
            traffic(gw, Duration.ofSeconds(20));
            gw.emailr.fault(new Fault.Ok());
            traffic(gw, Duration.ofSeconds(60));
            time.advance(Duration.ofMinutes(2));

            assertThat(incidentsOf("emailr"))
                    .extracting(i -> i.get("state").asText())
                    .containsExactly("opened", "resolved");
            JsonNode resolved = incidentsOf("emailr").getLast();
            assertThat(resolved.get("signals").toString()).contains("rate_limited");
            assertThat(resolved.get("counts").get("rate_limited").asLong()).isPositive();
            assertThat(resolved.get("counts").get("messages_failed_over").asLong())
                    .isEqualTo(failedOverFrom(gw, "emailr"));
        }
    }
}
