package dev.postern.sim.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PagerDuty's Events API v2 rules, over real HTTP: what the simulator takes and how it refuses. */
class PagerDutySimulatorTest {
    static final String KEY = "R0123456789abcdef0123456789abcde";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PagerDutySimulator sim = new PagerDutySimulator(0, KEY).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + PagerDutySimulator.EVENTS_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String trigger(String payload) {
        return """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "inc-1", "payload": %s}""".formatted(KEY, payload);
    }

    @Test
    void aValidTriggerIsAcceptedWith202AndOpensOneAlertPerDedupKey() throws Exception {
        HttpResponse<String> response = post(trigger("""
                {"summary": "sendgrid down", "source": "postern", "severity": "error",
                 "timestamp": "2015-07-17T08:42:58.315+0000", "custom_details": {"failed_over": 3}}"""));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("message").asText()).isEqualTo("Event processed");
        assertThat(body.path("dedup_key").asText()).isEqualTo("inc-1");
        assertThat(sim.openAlerts()).containsExactly("inc-1");
        assertThat(sim.events())
                .singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("trigger"));
    }

    @Test
    void aResolveClosesTheAlertOfItsDedupKey() throws Exception {
        post(trigger("{\"summary\": \"s\", \"source\": \"postern\", \"severity\": \"critical\"}"));

        HttpResponse<String> response = post("""
                {"routing_key": "%s", "event_action": "resolve", "dedup_key": "inc-1"}""".formatted(KEY));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sim.openAlerts()).isEmpty();
    }

    @Test
    void aTriggerMissingRequiredPayloadFieldsIsA400ListingEachError() throws Exception {
        HttpResponse<String> response = post(trigger("{\"severity\": \"fatal\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("invalid event");
        assertThat(body.path("errors").toString()).contains("payload.summary", "payload.source", "payload.severity");
        assertThat(sim.events()).isEmpty();
    }

    @Test
    void aSummaryLongerThan1024CharactersIsRefused() throws Exception {
        String summary = "x".repeat(1025);
        HttpResponse<String> response =
                post(trigger("{\"summary\": \"" + summary + "\", \"source\": \"p\", \"severity\": \"info\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("1024");
    }

    @Test
    void aResolveWithoutDedupKeyOrWithAnUnknownActionIsRefused() throws Exception {
        assertThat(post("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"resolve\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"update\", \"dedup_key\": \"k\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aRoutingKeyOfTheWrongLengthOrNotTheSimulatorsIsRefused() throws Exception {
        HttpResponse<String> shortKey = post("""
                {"routing_key": "abc", "event_action": "resolve", "dedup_key": "k"}""");
        HttpResponse<String> otherKey = post("""
                {"routing_key": "%s", "event_action": "resolve", "dedup_key": "k"}""".formatted("Z".repeat(32)));

        assertThat(shortKey.statusCode()).isEqualTo(400);
        assertThat(shortKey.body()).contains("should be 32 characters");
        assertThat(otherKey.statusCode()).isEqualTo(400);
        assertThat(otherKey.body()).contains("Invalid routing key");
    }

    @Test
    void theRateLimitFaultAnswers429AndTakesNothing() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(5)));

        HttpResponse<String> response =
                post(trigger("{\"summary\": \"s\", \"source\": \"p\", \"severity\": \"info\"}"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(sim.events()).isEmpty();
    }
}
