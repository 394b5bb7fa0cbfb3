package dev.postern.server;

import static dev.postern.server.TestGateway.DEFAULT_SINKS;
import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.alert.WebhookAlertSink;
import dev.postern.server.config.EventsConfig;
import dev.postern.server.config.GatewayConfig;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import dev.postern.testing.FakeTime;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound event webhook: each event POSTed once in Postern's format, signed, retried with
 * backoff on the gateway's clock while the receiver refuses, and never lost by a restart.
 */
class OutboundEventWebhookTest {
    private static final String SECRET = "events-hmac-secret-5555";
    private static final String BOUNCE = """
            {"events": [{"id": "ev-9", "type": "bounced", "bounce": "hard", "recipient": "bob@example.com",
              "detail": "550 no such user", "at": "2026-01-05T10:00:00Z"}]}
            """;

    @TempDir
    Path dir;

    private Gateway start(FakeTime time, EventReceiver receiver, EmailrSimulator emailr, WebhookSimulator backup) {
        GatewayConfig config = TestGateway.config(
                "sqlite:" + dir.resolve("postern.db"), "", emailr.baseUrl(), backup.baseUrl(), DEFAULT_SINKS);
        EventsConfig events =
                EventsConfig.DEFAULTS.withWebhook(new EventsConfig.OutboundWebhook(receiver.url(), SECRET));
        return Gateway.start(
                TokenWebhooks.on(config).withEvents(events),
                new GatewayRuntime(time, time, new Random(3), Runnable::run),
                url -> {});
    }

    private static void hook(Gateway gateway, String body) {
        var answer = TestGateway.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(gateway.httpUrl().resolve("/v1/webhooks/emailr"))
                        .header("X-Test-Token", TokenWebhooks.TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedEventIsRetriedWithBackoffAndArrivesOnceSignedInPosternsFormat() throws Exception {
        FakeTime time = new FakeTime();
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator backup = new WebhookSimulator(0, WEBHOOK_KEY);
                EventReceiver receiver = new EventReceiver(1)) {
            emailr.start();
            backup.start();
            try (Gateway gateway = start(time, receiver, emailr, backup)) {
                hook(gateway, BOUNCE);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);

                time.advance(Duration.ofSeconds(11)); // past the first backoff (10 s) and a poll
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.accepted().size() == 1);
                time.advance(Duration.ofMinutes(5));

                assertThat(receiver.accepted()).hasSize(1);
                EventReceiver.Received got = receiver.accepted().getFirst();
                JsonNode body = new ObjectMapper().readTree(got.body());
                assertThat(body.get("id").asText()).isEqualTo(got.eventId()).startsWith("ev_");
                assertThat(body.get("type").asText()).isEqualTo("bounced");
                assertThat(body.get("bounce").asText()).isEqualTo("hard");
                assertThat(body.get("provider").asText()).isEqualTo("emailr");
                assertThat(body.get("provider_event_id").asText()).isEqualTo("ev-9");
                assertThat(body.get("recipient").asText()).isEqualTo("bob@example.com");
                assertThat(body.get("message_id").isNull()).isTrue();
                assertThat(got.signature())
                        .isEqualTo(WebhookAlertSink.signature(
                                SECRET.getBytes(StandardCharsets.UTF_8),
                                got.body().getBytes(StandardCharsets.UTF_8)));
                assertThat(receiver.received.getFirst().eventId()).isEqualTo(got.eventId());
            }
        }
    }

    @Test
    void anEventQueuedBeforeARestartIsSentAfterIt() {
        FakeTime time = new FakeTime();
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator backup = new WebhookSimulator(0, WEBHOOK_KEY);
                EventReceiver receiver = new EventReceiver(1)) {
            emailr.start();
            backup.start();
            try (Gateway gateway = start(time, receiver, emailr, backup)) {
                hook(gateway, BOUNCE);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);
            }
            try (Gateway again = start(time, receiver, emailr, backup)) {
                assertThat(again.httpUrl()).isNotNull();
                // past the backoff, and past the lease in case the first gateway closed mid-settle
                time.advance(Duration.ofMinutes(2));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.accepted().size() == 1);
                time.advance(Duration.ofMinutes(5));
                assertThat(receiver.accepted()).hasSize(1);
            }
        }
    }
}
