package dev.postern.sim.sendgrid;

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
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SendGrid's Signed Event Webhook from the simulator, verified with the JDK's ECDSA. */
class SendGridEventsTest {
    private static final String KEY = "SG.sim-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SendGridSimulator sim = (SendGridSimulator) new SendGridSimulator(0, KEY).start();
    private final SimEvents events = sim.webhooks().orElseThrow();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private String send(String to) throws Exception {
        String body = """
                {"personalizations": [{"to": [{"email": "%s"}], "custom_args": {"postern_id": "m1"}}],
                 "from": {"email": "orders@shop.example"}, "subject": "Hi",
                 "content": [{"type": "text/plain", "value": "Hello"}]}
                """.formatted(to);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + SendGridSimulator.SEND))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return response.headers().firstValue("X-Message-Id").orElseThrow();
    }

    private boolean verifies(WebhookReceiver.Hit hit) throws Exception {
        PublicKey key = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(events.keys().get("public_key"))));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initVerify(key);
        ecdsa.update(hit.header("X-Twilio-Email-Event-Webhook-Timestamp").getBytes(StandardCharsets.UTF_8));
        ecdsa.update(hit.body());
        return ecdsa.verify(Base64.getDecoder().decode(hit.header("X-Twilio-Email-Event-Webhook-Signature")));
    }

    @Test
    void anAcceptedMessageProducesADeliveredEventSignedWithTheSimulatorsKey() throws Exception {
        events.target(receiver.url("/v1/webhooks/sendgrid"));
        String id = send("zoe@example.com");

        WebhookReceiver.Hit hit = receiver.await(1).get(0);
        assertThat(hit.path()).isEqualTo("/v1/webhooks/sendgrid");
        assertThat(verifies(hit)).isTrue();
        JsonNode event = JSON.readTree(hit.body()).get(0);
        assertThat(event.path("event").asText()).isEqualTo("delivered");
        assertThat(event.path("email").asText()).isEqualTo("zoe@example.com");
        assertThat(event.path("sg_message_id").asText()).startsWith(id + ".");
        assertThat(event.path("postern_id").asText())
                .as("custom_args are flattened")
                .isEqualTo("m1");
        assertThat(event.path("sg_event_id").asText()).isNotBlank();
        assertThat(event.path("timestamp").isIntegralNumber()).isTrue();
    }

    @Test
    void aScriptedAddressBouncesAndASoftOneIsBlocked() throws Exception {
        events.target(receiver.url("/hook"));
        events.script("gone@example.com", EventKind.BOUNCE);
        events.script("full@example.com", EventKind.SOFT_BOUNCE);
        send("gone@example.com");
        send("full@example.com");

        var hits = receiver.await(2);
        JsonNode hard = JSON.readTree(hits.get(0).body()).get(0);
        JsonNode soft = JSON.readTree(hits.get(1).body()).get(0);
        assertThat(hard.path("event").asText()).isEqualTo("bounce");
        assertThat(hard.path("type").asText()).isEqualTo("bounce");
        assertThat(hard.path("status").asText()).startsWith("5.");
        assertThat(hard.path("reason").asText()).isNotBlank();
        assertThat(soft.path("type").asText()).isEqualTo("blocked");
        assertThat(soft.path("status").asText()).startsWith("4.");
    }

    @Test
    void aComplaintIsASpamReport() throws Exception {
        events.target(receiver.url("/hook"));
        String id = send("zoe@example.com");
        receiver.await(1);

        events.resend(id, EventKind.COMPLAINT, null, false);

        WebhookReceiver.Hit hit = receiver.await(2).get(1);
        assertThat(JSON.readTree(hit.body()).get(0).path("event").asText()).isEqualTo("spamreport");
        assertThat(verifies(hit)).isTrue();
    }

    @Test
    void aWronglySignedEventDoesNotVerifyWithThePublishedKey() throws Exception {
        events.target(receiver.url("/hook"));
        String id = send("zoe@example.com");
        receiver.await(1);

        events.resend(id, EventKind.BOUNCE, "zoe@example.com", true);

        assertThat(verifies(receiver.await(2).get(1))).isFalse();
    }
}
