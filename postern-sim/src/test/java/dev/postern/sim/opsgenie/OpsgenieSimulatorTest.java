package dev.postern.sim.opsgenie;

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

/** Opsgenie's Alert API rules, over real HTTP: what the simulator takes and how it refuses. */
class OpsgenieSimulatorTest {
    static final String KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpsgenieSimulator sim = new OpsgenieSimulator(0, KEY).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "GenieKey " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidCreateIsAccepted202WithARequestIdAndOpensTheAlertUnderItsAlias() throws Exception {
        HttpResponse<String> response = post("/v2/alerts", """
                {"message": "sendgrid down", "alias": "inc-1", "priority": "P2", "tags": ["postern"],
                 "details": {"provider": "sendgrid"}}""", KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("result").asText()).isEqualTo("Request will be processed");
        assertThat(body.path("requestId").asText()).isNotBlank();
        assertThat(sim.alert("inc-1"))
                .hasValueSatisfying(a -> assertThat(a.open()).isTrue());
    }

    @Test
    void closeByAliasClosesTheAlertAndANoteIsKept() throws Exception {
        post("/v2/alerts", "{\"message\": \"m\", \"alias\": \"inc-1\"}", KEY);

        assertThat(post("/v2/alerts/inc-1/notes?identifierType=alias", "{\"note\": \"42 failed over\"}", KEY)
                        .statusCode())
                .isEqualTo(202);
        assertThat(post("/v2/alerts/inc-1/close?identifierType=alias", "{\"note\": \"over\"}", KEY)
                        .statusCode())
                .isEqualTo(202);

        assertThat(sim.alert("inc-1")).hasValueSatisfying(a -> {
            assertThat(a.open()).isFalse();
            assertThat(a.notes()).containsExactly("42 failed over", "over");
        });
    }

    @Test
    void aMessageOver130CharactersOrABadPriorityIsA422NamingTheField() throws Exception {
        HttpResponse<String> response =
                post("/v2/alerts", "{\"message\": \"" + "m".repeat(131) + "\", \"priority\": \"P9\"}", KEY);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.has("message")).isTrue();
        assertThat(errors.has("priority")).isTrue();
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void tooManyTagsOrDetailsOver8000CharactersAreRefused() throws Exception {
        String tags = "[" + "\"t\",".repeat(20) + "\"t\"]";
        assertThat(post("/v2/alerts", "{\"message\": \"m\", \"tags\": " + tags + "}", KEY)
                        .statusCode())
                .isEqualTo(422);
        assertThat(post("/v2/alerts", "{\"message\": \"m\", \"details\": {\"k\": \"" + "v".repeat(8000) + "\"}}", KEY)
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void aWrongKeyIs401AndABodyThatIsNotJsonIs400() throws Exception {
        assertThat(post("/v2/alerts", "{\"message\": \"m\"}", "wrong").statusCode())
                .isEqualTo(401);
        assertThat(post("/v2/alerts", "{not json", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void aNoteWithoutTextIsRefused() throws Exception {
        assertThat(post("/v2/alerts/inc-1/notes?identifierType=alias", "{}", KEY)
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void theRateLimitFaultAnswers429() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(1)));

        assertThat(post("/v2/alerts", "{\"message\": \"m\"}", KEY).statusCode()).isEqualTo(429);
    }
}
