package dev.postern.sim.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.SimulatorHost;
import dev.postern.sim.smtp.SmtpSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control API's event routes over real HTTP: set the target, script addresses, read what was
 * sent with the receiver's answers (retries included), and send events again on demand.
 */
class EventControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebhookSimulator http = new WebhookSimulator(0, "key-1").start();
    private final SimulatorHost host = SimulatorHost.builder()
            .add("custom", http)
            .add("relay", new SmtpSimulator(0, "user", "pass").start())
            .start();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        host.close();
        receiver.close();
    }

    private HttpResponse<String> control(String method, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(host.controlUrl() + path))
                        .timeout(Duration.ofSeconds(5))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String send(String to) throws Exception {
        String body = """
                {"id": "m1", "from": "shop@shop.example", "to": ["%s"], "cc": [], "bcc": [], "reply_to": [],
                 "subject": "Hi", "text": "Hello", "html": null, "headers": {"X-Postern-Id": "m1"},
                 "attachments": [], "tags": [], "metadata": {"postern_id": "m1"},
                 "tracking": {"opens": false, "clicks": false}}""".formatted(to);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(http.baseUrl() + WebhookSimulator.SEND_PATH))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer key-1")
                        .header("Content-Type", "application/json")
                        .header("X-Postern-Id", "m1")
                        .header("Idempotency-Key", "m1")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asText();
    }

    @Test
    void theTargetAndScriptAreSetThroughTheControlApiAndTheKeysShown() throws Exception {
        HttpResponse<String> set =
                control("PUT", "/custom/webhook", "{\"url\": \"" + receiver.url("/v1/webhooks/custom") + "\"}");
        HttpResponse<String> script = control("PUT", "/custom/script", "{\"Gone@Example.com\": \"bounce\"}");
        send("gone@example.com");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).path("url").asText())
                .isEqualTo(receiver.url("/v1/webhooks/custom").toString());
        assertThat(JSON.readTree(set.body()).at("/keys/secret").asText()).isNotBlank();
        assertThat(JSON.readTree(script.body()).path("gone@example.com").asText())
                .isEqualTo("bounce");
        JsonNode event = JSON.readTree(receiver.await(1).get(0).body()).at("/events/0");
        assertThat(event.path("type").asText()).isEqualTo("bounced");
    }

    @Test
    void aRefusedEventIsRetriedAndEveryAttemptIsRecordedWithItsAnswer() throws Exception {
        receiver.answer(500, 503);
        control("PUT", "/custom/webhook", "{\"url\": \"" + receiver.url("/hook") + "\"}");
        String id = send("zoe@example.com");

        receiver.await(3);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        JSON.readTree(control("GET", "/custom/events", null).body())
                                        .size()
                                == 3);
        JsonNode sent = JSON.readTree(control("GET", "/custom/events", null).body());
        assertThat(sent.findValuesAsText("status")).containsExactly("500", "503", "200");
        assertThat(sent.findValuesAsText("attempt")).containsExactly("1", "2", "3");
        assertThat(sent.get(2).path("message_id").asText()).isEqualTo(id);
    }

    @Test
    void anEventIsSentAgainOnDemandAndAWronglySignedOneIsMarkedSo() throws Exception {
        control("PUT", "/custom/webhook", "{\"url\": \"" + receiver.url("/hook") + "\"}");
        String id = send("zoe@example.com");
        receiver.await(1);

        HttpResponse<String> again = control(
                "POST",
                "/custom/events",
                "{\"message_id\": \"" + id + "\", \"type\": \"complain\", \"wrongly_signed\": true}");

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("queued").asInt()).isEqualTo(1);
        JsonNode event = JSON.readTree(receiver.await(2).get(1).body()).at("/events/0");
        assertThat(event.path("type").asText()).isEqualTo("complained");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        JSON.readTree(control("GET", "/custom/events", null).body())
                                        .size()
                                == 2);
        assertThat(JSON.readTree(control("GET", "/custom/events", null).body())
                        .get(1)
                        .path("forged")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> noTarget =
                control("POST", "/custom/events", "{\"message_id\": \"wh-1\", \"type\": \"bounce\"}");
        HttpResponse<String> badUrl = control("PUT", "/custom/webhook", "{\"url\": \"ftp://x/y\"}");
        HttpResponse<String> badType = control("PUT", "/custom/script", "{\"a@b.example\": \"explode\"}");
        HttpResponse<String> smtp = control("GET", "/relay/webhook", null);

        assertThat(noTarget.statusCode()).isEqualTo(400);
        assertThat(noTarget.body()).contains("no webhook url");
        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("soft_bounce");
        assertThat(smtp.statusCode()).isEqualTo(404);
    }
}
