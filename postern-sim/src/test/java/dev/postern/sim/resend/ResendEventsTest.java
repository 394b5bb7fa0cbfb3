package dev.postern.sim.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.SimEvents;
import dev.postern.sim.events.WebhookReceiver;
import dev.postern.sim.http.RequestSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resend's Svix-signed webhooks from the simulator, verified with the JDK as Svix documents. */
class ResendEventsTest {
    private static final String KEY = "re_sim_events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ResendSimulator sim = (ResendSimulator) new ResendSimulator(0, KEY).start();
    private final SimEvents events = sim.webhooks().orElseThrow();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private String send(String to) throws Exception {
        String body = """
                {"from": "Shop <shop@shop.example>", "to": ["%s"], "subject": "Hi", "text": "Hello",
                 "tags": [{"name": "postern_id", "value": "m1"}]}""".formatted(to);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/emails"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private boolean verifies(WebhookReceiver.Hit hit) throws Exception {
        String secret = events.keys().get("secret");
        assertThat(secret).startsWith("whsec_");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        mac.update((hit.header("svix-id") + "." + hit.header("svix-timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(hit.body()));
        return java.util.Arrays.asList(hit.header("svix-signature").split(" ")).contains(expected);
    }

    @Test
    void anAcceptedMessageProducesASvixSignedEmailDelivered() throws Exception {
        events.target(receiver.url("/v1/webhooks/resend"));
        String id = send("zoe@example.com");

        WebhookReceiver.Hit hit = receiver.await(1).get(0);
        assertThat(verifies(hit)).isTrue();
        JsonNode body = JSON.readTree(hit.body());
        assertThat(body.path("type").asText()).isEqualTo("email.delivered");
        assertThat(body.path("created_at").asText()).isNotBlank();
        assertThat(body.at("/data/email_id").asText()).isEqualTo(id);
        assertThat(body.at("/data/to/0").asText()).isEqualTo("zoe@example.com");
        assertThat(body.at("/data/tags/postern_id").asText()).isEqualTo("m1");
    }

    @Test
    void resendsTestAddressesBounceAndComplain() throws Exception {
        events.target(receiver.url("/hook"));
        send("bounced+1@resend.dev");
        send("complained@resend.dev");

        var hits = receiver.await(2);
        JsonNode bounce = JSON.readTree(hits.get(0).body());
        assertThat(bounce.path("type").asText()).isEqualTo("email.bounced");
        assertThat(bounce.at("/data/bounce/type").asText()).isEqualTo("Permanent");
        assertThat(JSON.readTree(hits.get(1).body()).path("type").asText()).isEqualTo("email.complained");
    }

    @Test
    void aSoftBounceIsADelayAndAWronglySignedEventDoesNotVerify() throws Exception {
        events.target(receiver.url("/hook"));
        String id = send("zoe@example.com");
        receiver.await(1);

        events.resend(id, EventKind.SOFT_BOUNCE, null, false);
        events.resend(id, EventKind.BOUNCE, null, true);

        var hits = receiver.await(3);
        assertThat(JSON.readTree(hits.get(1).body()).path("type").asText()).isEqualTo("email.delivery_delayed");
        assertThat(verifies(hits.get(1))).isTrue();
        assertThat(verifies(hits.get(2))).isFalse();
    }

    @Test
    void everyEventConformsToItsSchemaInResendsOpenApi() throws Exception {
        events.target(receiver.url("/hook"));
        String id = send("zoe@example.com");
        receiver.await(1);
        events.resend(id, EventKind.BOUNCE, null, false);
        events.resend(id, EventKind.SOFT_BOUNCE, null, false);
        events.resend(id, EventKind.COMPLAINT, null, false);

        Map<String, String> schemas = Map.of(
                "email.delivered", "EmailDeliveredEvent",
                "email.bounced", "EmailBouncedEvent",
                "email.delivery_delayed", "EmailDeliveryDelayedEvent",
                "email.complained", "EmailComplainedEvent");
        for (WebhookReceiver.Hit hit : receiver.await(4)) {
            JsonNode body = JSON.readTree(hit.body());
            RequestSchema schema = RequestSchema.load(
                    "specs/resend/resend.yaml",
                    "/components/schemas/" + schemas.get(body.path("type").asText()));
            assertThat(schema.violations(body)).as(body.toString()).isEmpty();
            // the schema does hold the event to something: without its data it fails
            assertThat(schema.violations(((ObjectNode) body.deepCopy()).without("data")))
                    .isNotEmpty();
        }
    }
}
