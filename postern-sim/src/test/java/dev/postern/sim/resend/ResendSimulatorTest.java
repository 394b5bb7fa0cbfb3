package dev.postern.sim.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resend's wire rules, over real HTTP: what it accepts, how it refuses, idempotency keys. */
class ResendSimulatorTest {
    private static final String KEY = "re_sim_123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"from": "Shop <shop@shop.example>", "to": ["Zoë <zoe@example.com>"], "subject": "Hi",
             "text": "Hello", "headers": {"X-Postern-Id": "01J"},
             "attachments": [{"filename": "a.txt", "content": "aGk=", "content_type": "text/plain"}],
             "tags": [{"name": "postern_id", "value": "01J"}]}""";

    private final MovableClock clock = new MovableClock();
    private final ResendSimulator sim = (ResendSimulator) new ResendSimulator(0, KEY, clock).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/emails"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body, String... more) throws Exception {
        String[] headers = new String[more.length + 4];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + KEY;
        headers[2] = "Content-Type";
        headers[3] = "application/json";
        System.arraycopy(more, 0, headers, 4, more.length);
        return post(body, headers);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String name) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).path("statusCode").asInt()).isEqualTo(status);
        assertThat(json(response).path("name").asText()).isEqualTo(name);
        assertThat(json(response).path("message").asText()).isNotBlank();
    }

    @Test
    void validSendIsAnsweredWithAnIdAndRecordedWithItsTagsAsMetadata() throws Exception {
        HttpResponse<String> response = send(VALID);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ratelimit-limit")).isPresent();
        assertThat(sim.received()).singleElement().satisfies(m -> {
            assertThat(m.providerMessageId())
                    .isEqualTo(json(response).path("id").asText());
            assertThat(m.to()).containsExactly("Zoë <zoe@example.com>");
            assertThat(m.metadata()).containsEntry("postern_id", "01J");
            assertThat(new String(m.attachments().getFirst().content())).isEqualTo("hi");
        });
    }

    @Test
    void missingKeyIs401AndWrongKeyIs403() throws Exception {
        assertError(post(VALID, "Content-Type", "application/json"), 401, "missing_api_key");
        assertError(
                post(VALID, "Authorization", "Bearer re_other", "Content-Type", "application/json"),
                403,
                "invalid_api_key");
        assertError(
                post(VALID, "Authorization", "Basic " + KEY, "Content-Type", "application/json"),
                403,
                "invalid_api_key");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void missingRequiredFieldIs422() throws Exception {
        assertError(
                send("{\"from\": \"a@b.example\", \"to\": \"c@d.example\", \"text\": \"x\"}"),
                422,
                "missing_required_field");
    }

    @Test
    void bodyThatBreaksTheSchemaIs400ValidationError() throws Exception {
        assertError(
                send("{\"from\": \"a@b.example\", \"to\": 7, \"subject\": \"s\", \"text\": \"x\"}"),
                400,
                "validation_error");
        assertError(
                send("{\"from\": \"a@b.example\", \"to\": [], \"subject\": \"s\", \"text\": \"x\"}"),
                400,
                "validation_error");
        assertError(
                send("{\"from\": \"a@b.example\", \"to\": \"c@d.example\", \"subject\": \"s\", \"text\": \"x\","
                        + " \"tags\": {\"k\": \"v\"}}"),
                400,
                "validation_error");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void notJsonOrNotDeclaredAsJsonIs400() throws Exception {
        assertError(send("from=a@b.example"), 400, "validation_error");
        assertError(
                post(VALID, "Authorization", "Bearer " + KEY, "Content-Type", "text/plain"), 400, "validation_error");
    }

    @Test
    void proseRulesAreEnforcedToo() throws Exception {
        String tooMany = "[" + "\"a@b.example\",".repeat(50) + "\"a@b.example\"]";
        assertError(send(VALID.replace("Shop <shop@shop.example>", "not an address")), 422, "invalid_from_address");
        assertError(send(VALID.replace("Zoë <zoe@example.com>", "zoe")), 422, "validation_error");
        assertError(send(VALID.replace("\"value\": \"01J\"", "\"value\": \"01 J\"")), 422, "validation_error");
        assertError(send(VALID.replace("aGk=", "***")), 422, "invalid_attachment");
        assertError(send(VALID.replace("\"text\": \"Hello\",", "")), 422, "missing_required_field");
        assertError(send(VALID.replace("[\"Zoë <zoe@example.com>\"]", tooMany)), 400, "validation_error");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void sameIdempotencyKeyWithin24HoursReturnsTheFirstAnswerAndRecordsNothingNew() throws Exception {
        HttpResponse<String> first = send(VALID, "Idempotency-Key", "k1");
        HttpResponse<String> again = send(VALID, "Idempotency-Key", "k1");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("id")).isEqualTo(json(first).path("id"));
        assertThat(sim.received()).hasSize(1);
        assertThat(sim.idempotencyKeys()).containsExactly("k1", "k1");
    }

    @Test
    void sameKeyWithAnotherPayloadIs409() throws Exception {
        send(VALID, "Idempotency-Key", "k1");

        assertError(send(VALID.replace("Hello", "Hallo"), "Idempotency-Key", "k1"), 409, "invalid_idempotent_request");
        assertThat(sim.received()).hasSize(1);
    }

    @Test
    void keyExpiresAfter24Hours() throws Exception {
        send(VALID, "Idempotency-Key", "k1");
        clock.advance(Duration.ofHours(24));

        send(VALID, "Idempotency-Key", "k1");

        assertThat(sim.received()).hasSize(2);
    }

    @Test
    void refusedSendDoesNotUseUpItsKey() throws Exception {
        send(VALID.replace("\"subject\": \"Hi\",", ""), "Idempotency-Key", "k1");

        assertThat(send(VALID, "Idempotency-Key", "k1").statusCode()).isEqualTo(200);
    }

    @Test
    void idempotencyKeyLongerThan256Is400() throws Exception {
        assertError(send(VALID, "Idempotency-Key", "k".repeat(257)), 400, "invalid_idempotency_key");
    }

    @Test
    void resetAfterBodyProcessesTheSendBeforeDroppingTheConnection() throws Exception {
        sim.fault(new Fault.ResetAfterBody());
        try {
            send(VALID, "Idempotency-Key", "k1");
        } catch (java.io.IOException expected) {
            // the point of the fault: no answer
        }
        sim.fault(new Fault.Ok());

        send(VALID, "Idempotency-Key", "k1");

        assertThat(sim.received()).hasSize(1);
    }

    @Test
    void rateLimitAnswersWithRetryAfterAndRateLimitHeaders() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(7)));

        HttpResponse<String> response = send(VALID);

        assertError(response, 429, "rate_limit_exceeded");
        assertThat(response.headers().firstValue("retry-after")).contains("7");
        assertThat(response.headers().firstValue("ratelimit-reset")).contains("7");
        assertThat(response.headers().firstValue("ratelimit-remaining")).contains("0");
    }

    @Test
    void sendsReportTwoRequestsASecondAndTheBudgetFaultLowersWhatIsLeftWhileServingNormally() throws Exception {
        HttpResponse<String> normal = send(VALID);
        sim.fault(Fault.parse("budget(0, 30s)"));
        HttpResponse<String> lowered = send(VALID);

        assertThat(normal.headers().firstValue("ratelimit-limit")).contains("2");
        assertThat(normal.headers().firstValue("ratelimit-remaining")).contains("1");
        assertThat(normal.headers().firstValue("ratelimit-reset")).contains("1");
        assertThat(lowered.statusCode()).isEqualTo(200);
        assertThat(lowered.headers().firstValue("ratelimit-remaining")).contains("0");
        assertThat(lowered.headers().firstValue("ratelimit-reset")).contains("30");
        assertThat(sim.received()).hasSize(2);
    }

    @Test
    void domainsIsTheHealthCallAndOtherPathsAre404Or405() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder().header("Authorization", "Bearer " + KEY);
        HttpResponse<String> domains = http.send(
                get.copy().uri(URI.create(sim.baseUrl() + "/domains")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> listEmails = http.send(
                get.copy().uri(URI.create(sim.baseUrl() + "/emails")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> nothing = http.send(
                get.copy().uri(URI.create(sim.baseUrl() + "/nothing")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(domains.statusCode()).isEqualTo(200);
        assertThat(json(domains).path("data").isArray()).isTrue();
        assertError(listEmails, 405, "method_not_allowed");
        assertError(nothing, 404, "not_found");
    }

    /** A clock tests move by hand. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
