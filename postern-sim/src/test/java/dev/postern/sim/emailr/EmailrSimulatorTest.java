package dev.postern.sim.emailr;

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

/** emailr's wire rules, over real HTTP: what it accepts and how it refuses. */
class EmailrSimulatorTest {
    private static final String KEY = "er_sim_123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"from": "shop@shop.example", "to": ["zoe@example.com", "bob@example.com"], "subject": "Hi",
             "text": "Hello", "reply_to_email": "help@shop.example", "tags": {"postern_id": "01J"},
             "attachments": [{"filename": "a.txt", "content": "aGk=", "contentType": "text/plain"}]}""";

    private final EmailrSimulator sim = (EmailrSimulator) new EmailrSimulator(0, KEY).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/emails/send"))
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body) throws Exception {
        return post(body, "Authorization", "Bearer " + KEY, "Content-Type", "application/json");
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String code) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.has("details")).isTrue();
        return body;
    }

    @Test
    void validSendIsAnsweredWithSuccessAndRecordedWithTagsAsMetadata() throws Exception {
        HttpResponse<String> response = send(VALID);
        JsonNode body = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("recipients").asInt()).isEqualTo(2);
        assertThat(sim.received()).singleElement().satisfies(m -> {
            assertThat(m.providerMessageId()).isEqualTo(body.path("message_id").asText());
            assertThat(m.to()).containsExactly("zoe@example.com", "bob@example.com");
            assertThat(m.metadata()).containsEntry("postern_id", "01J");
            assertThat(new String(m.attachments().getFirst().content())).isEqualTo("hi");
        });
    }

    @Test
    void aSingleToStringIsAcceptedToo() throws Exception {
        assertThat(send(VALID.replace("[\"zoe@example.com\", \"bob@example.com\"]", "\"zoe@example.com\""))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void missingOrWrongKeyIs401() throws Exception {
        assertError(post(VALID, "Content-Type", "application/json"), 401, "UNAUTHORIZED");
        assertError(
                post(VALID, "Authorization", "Bearer nope", "Content-Type", "application/json"), 401, "UNAUTHORIZED");
        assertError(post(VALID, "Authorization", KEY, "Content-Type", "application/json"), 401, "UNAUTHORIZED");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void notJsonIs400() throws Exception {
        assertError(send("{\"to\": "), 400, "VALIDATION_ERROR");
        assertError(
                post(VALID, "Authorization", "Bearer " + KEY, "Content-Type", "text/plain"), 400, "VALIDATION_ERROR");
    }

    @Test
    void schemaViolationsAre400WithIssuesInDetails() throws Exception {
        JsonNode noTo = assertError(
                send(VALID.replace("\"to\": [\"zoe@example.com\", \"bob@example.com\"],", "")),
                400,
                "VALIDATION_ERROR");
        assertThat(noTo.path("details").get(0).path("path").get(0).asText()).isEqualTo("to");

        assertError(
                send(VALID.replace("\"shop@shop.example\"", "\"Shop <shop@shop.example>\"")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("\"zoe@example.com\"", "\"zoe\"")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("[\"zoe@example.com\", \"bob@example.com\"]", "[]")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("\"Hi\"", "\"\"")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("\"text\": \"Hello\",", "")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("{\"postern_id\": \"01J\"}", "{\"n\": 1}")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("aGk=", "***")), 400, "VALIDATION_ERROR");
        assertError(send(VALID.replace("\"help@shop.example\"", "\"help\"")), 400, "VALIDATION_ERROR");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void fieldsEmailrDoesNotHaveAreRefused() throws Exception {
        JsonNode cc = assertError(
                send(VALID.replace("\"subject\"", "\"cc\": [\"ops@example.com\"], \"subject\"")),
                400,
                "VALIDATION_ERROR");
        assertThat(cc.path("details").toString()).contains("cc");
        assertError(
                send(VALID.replace("\"subject\"", "\"headers\": {\"X-A\": \"b\"}, \"subject\"")),
                400,
                "VALIDATION_ERROR");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void faultsAnswerInEmailrsShape() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(7)));
        assertError(send(VALID), 429, "RATE_LIMIT_EXCEEDED");

        sim.fault(new Fault.RejectRecipient());
        assertError(send(VALID), 400, "VALIDATION_ERROR");

        sim.fault(new Fault.Error(500));
        assertError(send(VALID), 500, "INTERNAL_ERROR");
    }

    @Test
    void domainsAndUsageAreHealthCallsAndOtherPathsAre404() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder().header("Authorization", "Bearer " + KEY);
        for (String path : new String[] {"/v1/domains", "/v1/metrics/usage"}) {
            HttpResponse<String> ok = http.send(
                    get.copy().uri(URI.create(sim.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
        }
        assertError(
                http.send(
                        get.copy().uri(URI.create(sim.baseUrl() + "/v2/send")).build(),
                        HttpResponse.BodyHandlers.ofString()),
                404,
                "NOT_FOUND");
    }
}
