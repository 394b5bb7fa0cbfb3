package dev.postern.sim.postmark;

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

/** Postmark's wire rules, over real HTTP: what it accepts and how it refuses. */
class PostmarkSimulatorTest {
    private static final String TOKEN = "server-token-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"From": "Shop <shop@shop.example>", "To": "\\"Doe, Jane\\" <jane@example.com>, bob@example.com",
             "Subject": "Hi", "TextBody": "Hello", "Headers": [{"Name": "X-Postern-Id", "Value": "01J"}],
             "Attachments": [{"Name": "a.txt", "Content": "aGk=", "ContentType": "text/plain"}],
             "Tag": "receipt", "Metadata": {"postern_id": "01J"}, "TrackOpens": true,
             "TrackLinks": "HtmlAndText", "MessageStream": "outbound"}""";

    private final PostmarkSimulator sim = (PostmarkSimulator) new PostmarkSimulator(0, TOKEN).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/email"))
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body) throws Exception {
        return post(
                body,
                "X-Postmark-Server-Token",
                TOKEN,
                "Accept",
                "application/json",
                "Content-Type",
                "application/json");
    }

    private static void assertError(HttpResponse<String> response, int status, int errorCode) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(body.path("ErrorCode").asInt()).isEqualTo(errorCode);
        assertThat(body.path("Message").asText()).isNotBlank();
    }

    @Test
    void validSendIsAnsweredInPostmarksShapeAndRecorded() throws Exception {
        HttpResponse<String> response = send(VALID);
        JsonNode body = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("ErrorCode").asInt()).isZero();
        assertThat(body.path("Message").asText()).isEqualTo("OK");
        assertThat(body.path("SubmittedAt").asText()).isNotBlank();
        assertThat(sim.received()).singleElement().satisfies(m -> {
            assertThat(m.providerMessageId()).isEqualTo(body.path("MessageID").asText());
            assertThat(m.to()).containsExactly("\"Doe, Jane\" <jane@example.com>", "bob@example.com");
            assertThat(m.metadata()).containsEntry("postern_id", "01J");
            assertThat(m.header("X-Postern-Id")).contains("01J");
            assertThat(m.tags()).containsExactly("receipt");
            assertThat(new String(m.attachments().getFirst().content())).isEqualTo("hi");
        });
    }

    @Test
    void missingOrWrongTokenIs401WithErrorCode10() throws Exception {
        assertError(post(VALID, "Accept", "application/json", "Content-Type", "application/json"), 401, 10);
        assertError(
                post(
                        VALID,
                        "X-Postmark-Server-Token",
                        "nope",
                        "Accept",
                        "application/json",
                        "Content-Type",
                        "application/json"),
                401,
                10);
        assertError(
                post(
                        VALID,
                        "Authorization",
                        "Bearer " + TOKEN,
                        "Accept",
                        "application/json",
                        "Content-Type",
                        "application/json"),
                401,
                10);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void withoutJsonAcceptAndContentTypeIsErrorCode409() throws Exception {
        assertError(post(VALID, "X-Postmark-Server-Token", TOKEN, "Content-Type", "application/json"), 422, 409);
        assertError(
                post(
                        VALID,
                        "X-Postmark-Server-Token",
                        TOKEN,
                        "Accept",
                        "application/json",
                        "Content-Type",
                        "text/plain"),
                422,
                409);
    }

    @Test
    void unparseableJsonIsErrorCode402() throws Exception {
        assertError(send("{\"From\": "), 422, 402);
    }

    @Test
    void wrongTypesAndUnknownFieldsAreErrorCode403() throws Exception {
        assertError(send(VALID.replace("\"TrackOpens\": true", "\"TrackOpens\": \"yes\"")), 422, 403);
        assertError(send(VALID.replace("\"Tag\": \"receipt\"", "\"Tag\": [\"receipt\"]")), 422, 403);
        assertError(
                send(VALID.replace("\"Metadata\": {\"postern_id\": \"01J\"}", "\"Metadata\": {\"n\": 1}")), 422, 403);
        assertError(send(VALID.replace("\"Headers\"", "\"CustomHeaders\"")), 422, 403);
        assertError(send(VALID.replace("\"TextBody\"", "\"Textbody\"")), 422, 403);
        assertError(send("[]"), 422, 403);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void invalidRequestsAreErrorCode300() throws Exception {
        assertError(send(VALID.replace("\"From\": \"Shop <shop@shop.example>\",", "")), 422, 300);
        assertError(send(VALID.replace("bob@example.com", "bob")), 422, 300);
        assertError(send(VALID.replace("\"TextBody\": \"Hello\",", "")), 422, 300);
        assertError(send(VALID.replace("HtmlAndText", "Always")), 422, 300);
        assertError(send(VALID.replace("aGk=", "***")), 422, 300);
        String tooMany = "a@b.example, ".repeat(50) + "a@b.example";
        assertError(
                send(VALID.replace(
                        "\"To\": \"\\\"Doe, Jane\\\" <jane@example.com>, bob@example.com\"",
                        "\"To\": \"" + tooMany + "\"")),
                422,
                300);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void forbiddenAttachmentTypeIsErrorCode411() throws Exception {
        assertError(send(VALID.replace("a.txt", "setup.exe")), 422, 411);
    }

    @Test
    void faultsAnswerInPostmarksShape() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(7)));
        HttpResponse<String> limited = send(VALID);
        assertError(limited, 429, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();

        sim.fault(new Fault.RejectRecipient());
        assertError(send(VALID), 422, 406);

        sim.fault(new Fault.Error(503));
        assertError(send(VALID), 503, 100);
    }

    @Test
    void serverIsTheHealthCallAndOtherPathsAre404() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder()
                .header("X-Postmark-Server-Token", TOKEN)
                .header("Accept", "application/json");
        HttpResponse<String> server = http.send(
                get.copy().uri(URI.create(sim.baseUrl() + "/server")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = http.send(
                get.copy().uri(URI.create(sim.baseUrl() + "/messages")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(server.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(server.body()).path("Name").asText()).isNotBlank();
        assertThat(other.statusCode()).isEqualTo(404);
    }
}
