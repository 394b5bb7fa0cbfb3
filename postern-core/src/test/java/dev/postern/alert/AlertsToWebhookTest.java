package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.postern.Postern;
import dev.postern.event.PosternEvent;
import dev.postern.provider.HealthResult;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts from a real {@link Postern} on fake time to a real webhook receiver on loopback, which
 * verifies each signature: an incident pages once when it opens, is reminded per renotify, and
 * pages once when it resolves, with every per-message event counted.
 */
class AlertsToWebhookTest {
    private static final String SECRET = "whsec-e2e-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeTime time = new FakeTime();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String expected = WebhookAlertSink.signature(SECRET.getBytes(StandardCharsets.UTF_8), body);
            if (expected.equals(exchange.getRequestHeaders().getFirst("X-Postern-Signature"))) {
                received.add(JSON.readTree(body));
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

    private Postern.Builder postern(ScriptedProvider primary, ScriptedProvider backup) {
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        return Postern.builder()
                // a breaker that never opens, so every message tries the primary and fails over
                .provider(
                        "primary",
                        primary,
                        dev.postern.ProviderConfig.DEFAULTS.withBreaker(new dev.postern.breaker.BreakerConfig(
                                1000, 1000, 50, Duration.ofSeconds(5), 50, Duration.ofSeconds(60), 3)))
                .provider("backup", backup)
                .alert(new WebhookAlertSink(url, SECRET))
                .alerts(new AlertConfig(Duration.ofMinutes(10)))
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .random(new java.util.Random(7));
    }

    private long count(String state) {
        return received.stream()
                .filter(a -> a.get("incident").get("state").asText().equals(state))
                .count();
    }

    private void advance(Duration total) {
        for (Duration step = Duration.ZERO; step.compareTo(total) < 0; step = step.plusSeconds(10)) {
            time.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void aFailingProviderPagesOnceRemindsPerRenotifyAndPagesItsResolutionOnce() {
        AtomicBoolean down = new AtomicBoolean();
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .healthFrom(() -> down.get() ? HealthResult.down("HTTP 503") : HealthResult.up());
        try (Postern postern =
                postern(primary, ScriptedProvider.accepting("backup")).build()) {
            assertThat(postern.providers()).hasSize(2);
            down.set(true);
            advance(Duration.ofMinutes(2)); // two failed probes 30 s apart make it unhealthy
            await().until(() -> count("opened") == 1);

            advance(Duration.ofMinutes(31)); // reminders 10, 20 and 30 minutes after the alert
            await().until(() -> count("updated") == 3);

            down.set(false);
            advance(Duration.ofMinutes(2));
            await().until(() -> count("resolved") == 1);
            advance(Duration.ofMinutes(30)); // recovered: no more reminders
            time.advance(Duration.ofSeconds(1));
        }
        await().until(() -> received.size() == 5);
        assertThat(received)
                .extracting(a -> a.get("incident").get("state").asText())
                .containsExactly("opened", "updated", "updated", "updated", "resolved");
        assertThat(received)
                .extracting(a -> a.get("incident").get("id").asText())
                .containsOnly(received.getFirst().get("incident").get("id").asText());
        assertThat(received.getFirst().get("provider").asText()).isEqualTo("primary");
        assertThat(received.getFirst().get("incident").get("signals").get(0).asText())
                .isEqualTo("provider_unhealthy");
        assertThat(badSignatures).hasValue(0);
    }

    @Test
    void fiveHundredFailedOverMessagesArriveAsOneIncidentThatCountsThemAll() {
        ScriptedProvider primary =
                ScriptedProvider.accepting("primary").always(new SendOutcome.Unavailable("HTTP 503"));
        AtomicInteger failovers = new AtomicInteger();
        try (Postern postern = postern(primary, ScriptedProvider.accepting("backup"))
                .listener(e -> {
                    if (e instanceof PosternEvent.Failover) {
                        failovers.incrementAndGet();
                    }
                })
                .build()) {
            for (int i = 0; i < 500; i++) {
                postern.send(Mail.receipt());
            }
            time.advance(Duration.ofMinutes(1)); // no more traffic: the provider settles
        }

        assertThat(failovers.get()).isEqualTo(500);
        assertThat(received)
                .extracting(a -> a.get("incident").get("state").asText())
                .containsExactly("opened", "resolved");
        assertThat(received.getFirst()
                        .get("incident")
                        .get("counts")
                        .get("messages_failed_over")
                        .asLong())
                .isEqualTo(500); // all sent before the group wait ended
        assertThat(received.getLast()
                        .get("incident")
                        .get("counts")
                        .get("messages_failed_over")
                        .asLong())
                .isEqualTo(500);
        assertThat(received.getLast().get("detail").asText())
                .startsWith("primary is back after 31s: 500 failed over, 0 failed, 500 of 500 attempts failed");
        assertThat(badSignatures).hasValue(0);
    }
}
