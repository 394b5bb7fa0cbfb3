package dev.postern.sim.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.SimEvents;
import dev.postern.sim.events.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Postern's own event webhook, sent by the generic http simulator and checked with the JDK's HMAC. */
class PosternEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebhookSimulator sim = new WebhookSimulator(0, "key-1").start();
    private final SimEvents events = sim.webhooks().orElseThrow();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private String send(String to) throws Exception {
        String body = """
                {"id": "m1", "from": "shop@shop.example", "to": ["%s"], "cc": [], "bcc": [], "reply_to": [],
                 "subject": "Hi", "text": "Hello", "html": null, "headers": {"X-Postern-Id": "m1"},
                 "attachments": [], "tags": [], "metadata": {"postern_id": "m1"},
                 "tracking": {"opens": false, "clicks": false}}""".formatted(to);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + WebhookSimulator.SEND_PATH))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer key-1")
                        .header("Content-Type", "application/json")
                        .header("X-Postern-Id", "m1")
                        .header("Idempotency-Key", "m1")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private boolean verifies(WebhookReceiver.Hit hit) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(events.keys().get("secret").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((hit.header("X-Postern-Timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(hit.body())))
                .equals(hit.header("X-Postern-Signature"));
    }

    @Test
    void anAcceptedMessageProducesASignedDeliveredEventNamingPosternsId() throws Exception {
        events.target(receiver.url("/v1/webhooks/custom"));
        String id = send("zoe@example.com");

        WebhookReceiver.Hit hit = receiver.await(1).get(0);
        assertThat(verifies(hit)).isTrue();
        JsonNode event = JSON.readTree(hit.body()).path("events").get(0);
        assertThat(event.path("type").asText()).isEqualTo("delivered");
        assertThat(event.path("recipient").asText()).isEqualTo("zoe@example.com");
        assertThat(event.path("postern_id").asText()).isEqualTo("m1");
        assertThat(event.path("provider_message_id").asText()).isEqualTo(id);
        assertThat(event.path("bounce").isNull()).isTrue();
        assertThat(event.path("id").asText()).isNotBlank();
        assertThat(event.path("at").asText()).isNotBlank();
    }

    @Test
    void bouncesSayHardOrSoftAndAWronglySignedEventDoesNotVerify() throws Exception {
        events.target(receiver.url("/hook"));
        events.script("Zoe@Example.com", EventKind.BOUNCE);
        String id = send("zoe@example.com");
        receiver.await(1);
        events.resend(id, EventKind.SOFT_BOUNCE, null, true);

        var hits = receiver.await(2);
        JsonNode hard = JSON.readTree(hits.get(0).body()).path("events").get(0);
        JsonNode soft = JSON.readTree(hits.get(1).body()).path("events").get(0);
        assertThat(hard.path("type").asText()).isEqualTo("bounced");
        assertThat(hard.path("bounce").asText()).isEqualTo("hard");
        assertThat(soft.path("bounce").asText()).isEqualTo("soft");
        assertThat(verifies(hits.get(0))).isTrue();
        assertThat(verifies(hits.get(1))).isFalse();
    }
}
