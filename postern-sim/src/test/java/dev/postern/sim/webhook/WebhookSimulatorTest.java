package dev.postern.sim.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.sim.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webhook simulator over real HTTP: it holds requests to Postern's documented contract. */
class WebhookSimulatorTest {
    private static final WebhookSimulator SIM = new WebhookSimulator(0, "key-1").start();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final String VALID = """
            {"id": "m1", "from": "Shop <shop@shop.example>", "to": ["zoe@example.com"], "cc": [], "bcc": [],
             "reply_to": [], "subject": "Hi", "text": "Hello", "html": null,
             "headers": {"X-Postern-Id": "m1"},
             "attachments": [{"filename": "a.txt", "content_type": "text/plain", "content_base64": "aGk="}],
             "tags": ["receipt"], "metadata": {"postern_id": "m1"}, "tracking": {"opens": false, "clicks": false}}
            """;

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.fault(new Fault.Ok());
        SIM.clear();
    }

    @Test
    void aValidSendIsAcceptedAndARepeatedIdempotencyKeyGetsTheSameAnswer() throws Exception {
        HttpResponse<String> first = post("key-1", "m1", VALID);
        HttpResponse<String> again = post("key-1", "m1", VALID);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).matches("\\{\"id\":\"wh-\\d+\"}");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(SIM.received()).singleElement().satisfies(m -> {
            assertThat(m.tags()).containsExactly("receipt");
            assertThat(m.attachments())
                    .singleElement()
                    .satisfies(a -> assertThat(a.content())
                            .isEqualTo("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        });
    }

    @Test
    void aWrongKeyIs401() throws Exception {
        assertThat(post("key-2", "m1", VALID).statusCode()).isEqualTo(401);
        assertThat(SIM.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(quoteCharacter = '`', delimiter = '|', textBlock = """
            no recipient             | ["zoe@example.com"]      | []                        | to
            unknown field            | "cc": [],                | "cc": [], "priority": 1,  | priority
            missing tracking         | , "tracking": {"opens": false, "clicks": false}} | } | tracking
            tracking not boolean     | "opens": false           | "opens": "no"             | opens
            attachment without name  | "filename": "a.txt",     | ``                        | filename
            content not base64       | "aGk="                   | "h i!"                    | content_base64
            header value not string  | {"X-Postern-Id": "m1"}   | {"X-Postern-Id": 1}       | headers
            """)
    void contractViolationsAre422(String what, String from, String to, String complaint) throws Exception {
        String body = VALID.replace(from, to);
        assertThat(body).as("the row changes the body").isNotEqualTo(VALID);

        HttpResponse<String> response = post("key-1", "m1", body);

        assertThat(response.statusCode()).as(what).isEqualTo(422);
        assertThat(response.body()).startsWith("{\"error\":").contains(complaint);
        assertThat(SIM.received()).isEmpty();
    }

    @Test
    void correlationHeadersMustMatchTheBodysId() throws Exception {
        HttpResponse<String> response = post("key-1", "other", VALID);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("X-Postern-Id").contains("Idempotency-Key");
    }

    @Test
    void aBodyThatIsNotJsonIs400() throws Exception {
        assertThat(post("key-1", "m1", "id=m1").statusCode()).isEqualTo(400);
    }

    @Test
    void rateLimitStatesRetryAfterInSeconds() throws Exception {
        SIM.fault(new Fault.RateLimit(Duration.ofSeconds(7)));

        HttpResponse<String> response = post("key-1", "m1", VALID);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
    }

    private static HttpResponse<String> post(String key, String id, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SIM.baseUrl() + WebhookSimulator.SEND_PATH))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("X-Postern-Id", id)
                .header("Idempotency-Key", id)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
