package dev.postern.sim.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SendGrid simulator over real HTTP: it accepts what SendGrid accepts and refuses the rest in SendGrid's shape. */
class SendGridSimulatorTest {
    private static final String KEY = "SG.sim-test";
    private static final String VALID = """
            {"personalizations": [{"to": [{"email": "zoe@example.com", "name": "Zoë"}],
                                   "custom_args": {"postern_id": "m1"}}],
             "from": {"email": "orders@shop.example", "name": "Shop"},
             "subject": "Hi",
             "content": [{"type": "text/plain", "value": "Hello"}, {"type": "text/html", "value": "<p>Hello</p>"}],
             "headers": {"X-Postern-Id": "m1"},
             "categories": ["receipt"],
             "attachments": [{"content": "aGk=", "filename": "a.txt", "type": "text/plain"}]}
            """;
    private static SendGridSimulator sim;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        sim = new SendGridSimulator(0, KEY);
        sim.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.fault(new Fault.Ok());
        sim.clear();
    }

    private HttpResponse<String> post(String body, String contentType, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v3/mail/send"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, "application/json", "Bearer " + KEY);
    }

    /** The errors of a SendGrid error envelope, after checking it has that shape. */
    private JsonNode errors(HttpResponse<String> response) throws Exception {
        JsonNode errors = json.readTree(response.body()).path("errors");
        assertThat(errors.isArray() && !errors.isEmpty()).as(response.body()).isTrue();
        errors.forEach(e ->
                assertThat(e.has("message") && e.has("field") && e.has("help")).isTrue());
        return errors;
    }

    @Test
    void aValidSendIsAcceptedWithAMessageIdHeaderAndRecorded() throws Exception {
        HttpResponse<String> response = post(VALID);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        String id = response.headers().firstValue("X-Message-Id").orElseThrow();
        assertThat(sim.received()).singleElement().satisfies(m -> {
            assertThat(m.providerMessageId()).isEqualTo(id);
            assertThat(m.from()).isEqualTo("Shop <orders@shop.example>");
            assertThat(m.to()).containsExactly("Zoë <zoe@example.com>");
            assertThat(m.metadata()).containsEntry("postern_id", "m1");
            assertThat(m.header("X-Postern-Id")).contains("m1");
            assertThat(m.tags()).containsExactly("receipt");
            assertThat(m.text()).isEqualTo("Hello");
            assertThat(m.html()).isEqualTo("<p>Hello</p>");
            assertThat(m.attachments())
                    .singleElement()
                    .satisfies(a -> assertThat(a.content()).isEqualTo("hi".getBytes()));
        });
    }

    @Test
    void aBodyMissingTheRequiredFromIsRefusedBySchema() throws Exception {
        HttpResponse<String> response =
                post(VALID.replace("\"from\": {\"email\": \"orders@shop.example\", \"name\": \"Shop\"},", ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response).toString()).contains("from");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void fieldsOfTheWrongTypeAreRefusedBySchema() throws Exception {
        HttpResponse<String> response =
                post(VALID.replace("\"categories\": [\"receipt\"]", "\"categories\": \"receipt\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response).toString()).contains("categories");
    }

    @Test
    void anInvalidRecipientAddressIsRefusedWithItsField() throws Exception {
        HttpResponse<String> response = post(VALID.replace("zoe@example.com", "not-an-address"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response).get(0).path("field").asText()).isEqualTo("personalizations.0.to.0.email");
    }

    @Test
    void htmlBeforePlainTextIsRefused() throws Exception {
        String swapped = VALID.replace(
                "[{\"type\": \"text/plain\", \"value\": \"Hello\"}, {\"type\": \"text/html\", \"value\": \"<p>Hello</p>\"}]",
                "[{\"type\": \"text/html\", \"value\": \"<p>Hello</p>\"}, {\"type\": \"text/plain\", \"value\": \"Hello\"}]");

        assertThat(post(swapped).statusCode()).isEqualTo(400);
    }

    @Test
    void aMissingSubjectAndContentAreRefused() throws Exception {
        HttpResponse<String> response = post("""
                {"personalizations": [{"to": [{"email": "zoe@example.com"}]}], "from": {"email": "a@shop.example"}}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response).toString()).contains("subject").contains("content");
    }

    @Test
    void nonJsonBodiesAndContentTypesAreRefused() throws Exception {
        assertThat(post("{not json", "application/json", "Bearer " + KEY).statusCode())
                .isEqualTo(400);
        HttpResponse<String> form = post("a=b", "application/x-www-form-urlencoded", "Bearer " + KEY);
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(errors(form).get(0).path("message").asText()).contains("application/json");
    }

    @Test
    void missingOrWrongKeysGet401InSendGridsShape() throws Exception {
        HttpResponse<String> missing = post(VALID, "application/json", null);
        HttpResponse<String> basic = post(VALID, "application/json", "Basic YXBpOmtleQ==");
        HttpResponse<String> wrong = post(VALID, "application/json", "Bearer SG.other");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(errors(missing).get(0).path("message").asText()).isEqualTo("authorization required");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(errors(wrong)).isNotEmpty();
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void sandboxModeValidatesAndAnswers200WithoutRecording() throws Exception {
        HttpResponse<String> response = post(VALID.replace(
                "\"subject\": \"Hi\",",
                "\"subject\": \"Hi\", \"mail_settings\": {\"sandbox_mode\": {\"enable\": true}},"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void aQuotedSandboxFlagIsRefusedAsNotBoolean() throws Exception {
        HttpResponse<String> response = post(VALID.replace(
                "\"subject\": \"Hi\",",
                "\"subject\": \"Hi\", \"mail_settings\": {\"sandbox_mode\": {\"enable\": \"true\"}},"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void rateLimitIs429WithoutRateLimitHeadersAsOnTheRealMailSend() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(7)));

        HttpResponse<String> response = post(VALID);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(errors(response).get(0).path("message").asText()).isEqualTo("too many requests");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).isEmpty();
    }

    @Test
    void scopesAnswersWithTheKeysScopes() throws Exception {
        HttpResponse<String> response = scopes();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("scopes").toString()).contains("mail.send");
    }

    @Test
    void scopesCarriesXRateLimitHeadersAsTheV3ApiDoesButMailSendNone() throws Exception {
        sim.fault(new Fault.Budget(0, Duration.ofSeconds(60)));
        long before = Instant.now().getEpochSecond();

        HttpResponse<String> scopes = scopes();
        HttpResponse<String> send = post(VALID);

        assertThat(scopes.headers().firstValue("X-RateLimit-Limit")).contains("500");
        assertThat(scopes.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(Long.parseLong(
                        scopes.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                .isBetween(before + 59, Instant.now().getEpochSecond() + 61);
        assertThat(send.statusCode()).isEqualTo(202);
        assertThat(send.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
    }

    private HttpResponse<String> scopes() throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v3/scopes"))
                        .header("Authorization", "Bearer " + KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
