package dev.postern.server;

import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.sim.smtp.SmtpSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import dev.postern.testing.FakeTime;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the whole gateway: a relay's answer for one recipient settles that recipient only. The
 * others are delivered, the refused one shows its reply in {@code GET /v1/messages/{id}}, a
 * recipient refused for now is tried again on its own, and the relay stays in rotation.
 */
class RecipientAnswersEndToEndTest {
    private static final String KEY = "pst_test-recipients-key-5Jq8";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final SmtpSimulator relay = new SmtpSimulator(0, null, null, false);
    private final WebhookSimulator backup = new WebhookSimulator(0, "backup-secret-5151");
    private final FakeTime time = new FakeTime();
    private Gateway gateway;

    @BeforeEach
    void start() {
        relay.start();
        backup.start();
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0, https: false }
                  smtp: { listen: 127.0.0.1:0 }
                store: sqlite:%s
                auth:
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send], sender_domains: [shop.example] }
                routing: { retry: { initial: 1s, max: 1s } }
                providers:
                  - { name: relay, type: smtp, priority: 1, host: 127.0.0.1, port: %d, tls: none }
                  - { name: backup, type: http, priority: 2, url: %s/messages, api_key: backup-secret-5151 }
                """.formatted(dir.resolve("postern.db"), Hashes.sha256Hex(KEY), relay.port(), backup.baseUrl());
        gateway = Gateway.start(ConfigLoader.parse(yaml, name -> null).orThrow(), TestGateway.on(time));
    }

    @AfterEach
    void stop() {
        gateway.close();
        relay.close();
        backup.close();
    }

    @Test
    void oneUnknownRecipientOfThreeLeavesTheOtherTwoDeliveredAndTheRelayInRotation() {
        relay.answerRecipient("cy@example.com", "550 5.1.1 User unknown");

        String id = post(toThree());

        JsonNode view = afterDispatch(id, "delivered");
        assertThat(view.get("provider").asText()).isEqualTo("relay");
        assertThat(view.get("recipients"))
                .extracting(
                        r -> r.get("address").asText() + " " + r.get("status").asText())
                .containsExactly("ada@example.com delivered", "bo@example.com delivered", "cy@example.com failed");
        assertThat(view.get("recipients").get(2).get("detail").asText()).contains("550 5.1.1 User unknown");
        String relayId = view.get("provider_message_id").asText();
        assertThat(relay.envelope(relayId)).containsExactly("ada@example.com", "bo@example.com");
        assertThat(backup.received()).isEmpty();
        assertRelayInRotation();
    }

    @Test
    void aGreylistedRecipientIsTriedAgainOnItsOwnWhileTheOthersAreNotSentTwice() {
        relay.answerRecipient("cy@example.com", "451 4.7.1 Greylisted, please try again later");

        String id = post(toThree());

        JsonNode deferred = afterDispatch(id, "deferred");
        assertThat(deferred.get("recipients"))
                .extracting(
                        r -> r.get("address").asText() + " " + r.get("status").asText())
                .containsExactly("ada@example.com delivered", "bo@example.com delivered", "cy@example.com pending");
        assertRelayInRotation();

        relay.clear(); // the greylisting period is over
        time.advance(Duration.ofSeconds(2)); // past routing.retry.max
        JsonNode delivered = afterDispatch(id, "delivered");

        assertThat(relay.received()).hasSize(1);
        String retryId =
                delivered.get("recipients").get(2).get("provider_message_id").asText();
        assertThat(relay.envelope(retryId)).containsExactly("cy@example.com");
        assertThat(backup.received()).isEmpty();
        assertRelayInRotation();
    }

    @Test
    void busyMailboxesNeverOpenTheRelaysBreaker() {
        relay.answerRecipient("ada@example.com", "450 4.2.1 Mailbox busy, try again later");

        for (int i = 0; i < 6; i++) {
            afterDispatch(post("""
                    {"from": "shop@shop.example", "to": ["ada@example.com"], "subject": "Hi", "text": "Hi."}
                    """), "deferred");
        }

        assertRelayInRotation();
        assertThat(backup.received()).isEmpty();
    }

    private static String toThree() {
        return """
                {"from": "shop@shop.example", "to": ["ada@example.com", "bo@example.com"],
                 "cc": ["cy@example.com"], "subject": "Your receipt", "text": "Thanks."}
                """;
    }

    private void assertRelayInRotation() {
        JsonNode relayStatus = json(get("/v1/providers")).get("providers").get(0);
        assertThat(relayStatus.get("name").asText()).isEqualTo("relay");
        assertThat(relayStatus.get("state").asText()).isEqualTo("available");
        assertThat(relayStatus.get("breaker").asText()).isEqualTo("closed");
    }

    private String post(String body) {
        HttpResponse<String> answer = TestGateway.send(
                client,
                HttpRequest.newBuilder(gateway.httpUrl().resolve("/v1/messages"))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json(answer).get("id").asText();
    }

    private HttpResponse<String> get(String path) {
        return TestGateway.send(
                client,
                HttpRequest.newBuilder(gateway.httpUrl().resolve(path))
                        .header("Authorization", "Bearer " + KEY)
                        .GET()
                        .build());
    }

    /** The message after the dispatcher has done what is due now (on the test's thread), in {@code status}. */
    private JsonNode afterDispatch(String id, String status) {
        time.advance(Duration.ZERO);
        JsonNode view = json(get("/v1/messages/" + id));
        assertThat(view.get("status").asText()).as(view.toString()).isEqualTo(status);
        return view;
    }
}
