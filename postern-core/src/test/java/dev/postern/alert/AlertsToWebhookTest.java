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
 * verifies each signature: state changes alert once, reminders come per renotify, per-message
 * events are summed up.
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
                .alerts(new AlertConfig(Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .random(new java.util.Random(7));
    }

    private long count(String event, boolean reminder) {
        return received.stream()
                .filter(a -> a.get("event").asText().equals(event))
                .filter(a -> a.get("detail").asText().startsWith("still ongoing") == reminder)
                .count();
    }

    private void advance(Duration total) {
        for (Duration step = Duration.ZERO; step.compareTo(total) < 0; step = step.plusSeconds(10)) {
            time.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void aFailingProviderAlertsOnceRemindsPerRenotifyAndAlertsItsRecoveryOnce() {
        AtomicBoolean down = new AtomicBoolean();
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .healthFrom(() -> down.get() ? HealthResult.down("HTTP 503") : HealthResult.up());
        try (Postern postern =
                postern(primary, ScriptedProvider.accepting("backup")).build()) {
            assertThat(postern.providers()).hasSize(2);
            down.set(true);
            advance(Duration.ofMinutes(2)); // two failed probes 30 s apart make it unhealthy
            await().until(() -> count("provider_unhealthy", false) == 1);

            advance(Duration.ofMinutes(31)); // reminders 10, 20 and 30 minutes after the alert
            await().until(() -> count("provider_unhealthy", true) == 3);

            down.set(false);
            advance(Duration.ofMinutes(2));
            await().until(() -> count("provider_recovered", false) == 1);
            advance(Duration.ofMinutes(30)); // recovered: no more reminders
            time.advance(Duration.ofSeconds(1));
        }
        await().until(() -> received.size() == 5);
        assertThat(count("provider_unhealthy", false)).isEqualTo(1);
        assertThat(count("provider_unhealthy", true)).isEqualTo(3);
        assertThat(count("provider_recovered", false)).isEqualTo(1);
        assertThat(received.getFirst().get("provider").asText()).isEqualTo("primary");
        assertThat(badSignatures).hasValue(0);
    }

    @Test
    void fiveHundredFailedOverMessagesArriveAsAFewSummedUpAlerts() {
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
            time.advance(Duration.ofMinutes(1));
        }

        await().until(() -> received.stream()
                        .filter(a -> a.get("event").asText().equals("failover"))
                        .mapToLong(a -> a.get("counts").get("occurrences").asLong())
                        .sum()
                == failovers.get());
        List<JsonNode> failoverAlerts = received.stream()
                .filter(a -> a.get("event").asText().equals("failover"))
                .toList();
        assertThat(failovers.get()).isEqualTo(500);
        assertThat(failoverAlerts).hasSize(2);
        assertThat(failoverAlerts.get(1).get("detail").asText())
                .startsWith((failovers.get() - 1) + " messages failed over from primary to backup in the last 1m");
        assertThat(badSignatures).hasValue(0);
    }
}
