package dev.postern.sim.mailgun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.SimEvents;
import dev.postern.sim.events.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mailgun's webhooks from the simulator, their HMAC checked with the JDK. */
class MailgunEventsTest {
    private static final String KEY = "key-sim-events";
    private static final String DOMAIN = "mg.shop.example";
    private static final String BOUNDARY = "events-boundary-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MailgunSimulator sim = new MailgunSimulator(0, KEY, DOMAIN);
    private final SimEvents events;
    private final WebhookReceiver receiver = new WebhookReceiver();

    MailgunEventsTest() {
        sim.start();
        events = sim.webhooks().orElseThrow();
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private String send(String to) throws Exception {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        String[][] fields = {
            {"from", "orders@shop.example"}, {"to", to}, {"subject", "Hi"}, {"text", "Hello"}, {"v:postern_id", "m1"}
        };
        for (String[] f : fields) {
            form.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n"
                            + f[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        form.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v3/" + DOMAIN + "/messages"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private boolean verifies(JsonNode body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(events.keys().get("signing_key").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        JsonNode signature = body.path("signature");
        byte[] expected = mac.doFinal(
                (signature.path("timestamp").asText() + signature.path("token").asText())
                        .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of()
                .formatHex(expected)
                .equals(signature.path("signature").asText());
    }

    @Test
    void anAcceptedMessageProducesASignedDeliveredEventWithItsVariables() throws Exception {
        events.target(receiver.url("/v1/webhooks/mailgun"));
        String id = send("zoe@example.com");

        JsonNode body = JSON.readTree(receiver.await(1).get(0).body());
        assertThat(verifies(body)).isTrue();
        JsonNode data = body.path("event-data");
        assertThat(data.path("event").asText()).isEqualTo("delivered");
        assertThat(data.path("recipient").asText()).isEqualTo("zoe@example.com");
        assertThat("<" + data.at("/message/headers/message-id").asText() + ">").isEqualTo(id);
        assertThat(data.at("/user-variables/postern_id").asText()).isEqualTo("m1");
        assertThat(data.path("timestamp").isNumber()).isTrue();
    }

    @Test
    void bouncesAreFailuresWhoseSeveritySaysHardOrSoftAndComplaintsAreComplained() throws Exception {
        events.target(receiver.url("/hook"));
        events.script("gone@example.com", EventKind.BOUNCE);
        String id = send("gone@example.com");
        receiver.await(1);
        events.resend(id, EventKind.SOFT_BOUNCE, null, false);
        events.resend(id, EventKind.COMPLAINT, null, false);

        var hits = receiver.await(3);
        JsonNode hard = JSON.readTree(hits.get(0).body()).path("event-data");
        JsonNode soft = JSON.readTree(hits.get(1).body()).path("event-data");
        JsonNode complaint = JSON.readTree(hits.get(2).body()).path("event-data");
        assertThat(hard.path("event").asText()).isEqualTo("failed");
        assertThat(hard.path("severity").asText()).isEqualTo("permanent");
        assertThat(hard.at("/delivery-status/code").asInt()).isEqualTo(550);
        assertThat(soft.path("severity").asText()).isEqualTo("temporary");
        assertThat(complaint.path("event").asText()).isEqualTo("complained");
    }

    @Test
    void aWronglySignedEventFailsTheHmac() throws Exception {
        events.target(receiver.url("/hook"));
        String id = send("zoe@example.com");
        receiver.await(1);

        events.resend(id, EventKind.DELIVERED, null, true);

        assertThat(verifies(JSON.readTree(receiver.await(2).get(1).body()))).isFalse();
    }
}
