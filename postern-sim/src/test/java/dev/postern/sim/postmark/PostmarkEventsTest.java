package dev.postern.sim.postmark;

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
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Postmark's webhooks from the simulator: records by RecordType, authenticated by the URL's Basic credentials. */
class PostmarkEventsTest {
    private static final String TOKEN = "pm-sim-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PostmarkSimulator sim = (PostmarkSimulator) new PostmarkSimulator(0, TOKEN).start();
    private final SimEvents events = sim.webhooks().orElseThrow();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private String send(String to) throws Exception {
        String body = """
                {"From": "shop@shop.example", "To": "%s", "Subject": "Hi", "TextBody": "Hello",
                 "Metadata": {"postern_id": "m1"}, "MessageStream": "outbound"}""".formatted(to);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/email"))
                        .timeout(Duration.ofSeconds(5))
                        .header("X-Postmark-Server-Token", TOKEN)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("MessageID").asText();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDeliveryRecordCarriesTheUrlsCredentialsAsBasicAuth() throws Exception {
        URI url = receiver.url("/v1/webhooks/postmark");
        events.target(URI.create(url.toString().replace("http://", "http://hook:s3cret@")));
        String id = send("zoe@example.com");

        WebhookReceiver.Hit hit = receiver.await(1).get(0);
        assertThat(hit.header("Authorization")).isEqualTo(basic("hook:s3cret"));
        assertThat(hit.path()).isEqualTo("/v1/webhooks/postmark");
        JsonNode record = JSON.readTree(hit.body());
        assertThat(record.path("RecordType").asText()).isEqualTo("Delivery");
        assertThat(record.path("MessageID").asText()).isEqualTo(id);
        assertThat(record.path("Recipient").asText()).isEqualTo("zoe@example.com");
        assertThat(record.at("/Metadata/postern_id").asText()).isEqualTo("m1");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !events.sent().isEmpty());
        assertThat(events.sent().get(0).target())
                .as("the record never shows the password")
                .isEqualTo(url.toString());
    }

    @Test
    void theBounceTestingDomainBouncesHardOrSoftAsPostmarksDoes() throws Exception {
        events.target(receiver.url("/hook"));
        send("HardBounce@bounce-testing.postmarkapp.com");
        send("SoftBounce@bounce-testing.postmarkapp.com");

        var hits = receiver.await(2);
        JsonNode hard = JSON.readTree(hits.get(0).body());
        JsonNode soft = JSON.readTree(hits.get(1).body());
        assertThat(hard.path("RecordType").asText()).isEqualTo("Bounce");
        assertThat(hard.path("Type").asText()).isEqualTo("HardBounce");
        assertThat(hard.path("TypeCode").asInt()).isEqualTo(1);
        assertThat(hard.path("Email").asText()).isEqualTo("HardBounce@bounce-testing.postmarkapp.com");
        assertThat(soft.path("Type").asText()).isEqualTo("SoftBounce");
        assertThat(soft.path("TypeCode").asInt()).isEqualTo(4096);
    }

    @Test
    void aComplaintIsASpamComplaintRecordAndAWronglySignedOneHasTheWrongPassword() throws Exception {
        URI url = receiver.url("/hook");
        events.target(URI.create(url.toString().replace("http://", "http://hook:s3cret@")));
        String id = send("zoe@example.com");
        receiver.await(1);

        events.resend(id, EventKind.COMPLAINT, null, false);
        events.resend(id, EventKind.COMPLAINT, null, true);

        var hits = receiver.await(3);
        assertThat(JSON.readTree(hits.get(1).body()).path("RecordType").asText())
                .isEqualTo("SpamComplaint");
        assertThat(hits.get(1).header("Authorization")).isEqualTo(basic("hook:s3cret"));
        assertThat(hits.get(2).header("Authorization")).isNotEqualTo(basic("hook:s3cret"));
    }
}
