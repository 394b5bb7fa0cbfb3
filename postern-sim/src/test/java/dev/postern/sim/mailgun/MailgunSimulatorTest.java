package dev.postern.sim.mailgun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.Fault;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mailgun simulator over real HTTP: it accepts what Mailgun accepts and refuses the rest in Mailgun's shape. */
class MailgunSimulatorTest {
    private static final String KEY = "key-sim-test";
    private static final String DOMAIN = "mg.shop.example";
    private static final String BOUNDARY = "test-boundary-7MA4YWxkTrZu0gW";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MailgunSimulator sim;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        sim = new MailgunSimulator(0, KEY, DOMAIN);
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

    /** Name/value pairs; a value starting with "@file:" becomes a file part named after the rest. */
    private static byte[] form(List<String[]> fields, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : fields) {
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"";
            String value = f[1];
            if (value.startsWith("@file:")) {
                head += "; filename=\"" + value.substring(6) + "\"\r\nContent-Type: application/pdf";
                value = "%PDF ✓";
            }
            out.writeBytes((head + "\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (close) {
            out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<String[]> valid() {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"from", "Ærø Shop <orders@shop.example>"});
        fields.add(new String[] {"to", "Zoë <zoe@example.com>, ops@example.com"});
        fields.add(new String[] {"subject", "Grüße"});
        fields.add(new String[] {"text", "Hallo"});
        fields.add(new String[] {"h:X-Postern-Id", "m1"});
        fields.add(new String[] {"v:postern_id", "m1"});
        fields.add(new String[] {"o:tag", "receipt"});
        fields.add(new String[] {"o:tracking-opens", "no"});
        fields.add(new String[] {"attachment", "@file:Rechnung-ä.pdf"});
        return fields;
    }

    private HttpResponse<String> post(String path, byte[] body, String contentType, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            String basic = Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(List<String[]> fields) throws Exception {
        return post(
                "/v3/" + DOMAIN + "/messages", form(fields, true), "multipart/form-data; boundary=" + BOUNDARY, KEY);
    }

    /** Mailgun's error message, after checking the answer has its {"message": …} shape. */
    private String message(HttpResponse<String> response) throws Exception {
        JsonNode message = json.readTree(response.body()).path("message");
        assertThat(message.isTextual()).as(response.body()).isTrue();
        return message.asText();
    }

    @Test
    void aValidFormIsQueuedWithAnIdInAngleBracketsAndRecorded() throws Exception {
        HttpResponse<String> response = post(valid());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("message").asText()).isEqualTo("Queued. Thank you.");
        assertThat(body.path("id").asText()).startsWith("<").endsWith("@" + DOMAIN + ">");
        assertThat(sim.received()).singleElement().satisfies(m -> {
            assertThat(m.providerMessageId()).isEqualTo(body.path("id").asText());
            assertThat(m.from()).isEqualTo("Ærø Shop <orders@shop.example>");
            assertThat(m.to()).containsExactly("Zoë <zoe@example.com>", "ops@example.com");
            assertThat(m.subject()).isEqualTo("Grüße");
            assertThat(m.header("X-Postern-Id")).contains("m1");
            assertThat(m.metadata()).containsEntry("postern_id", "m1");
            assertThat(m.tags()).containsExactly("receipt");
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.filename()).isEqualTo("Rechnung-ä.pdf");
                assertThat(a.contentType()).isEqualTo("application/pdf");
                assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("%PDF ✓");
            });
        });
    }

    @Test
    void aFormWithoutTheRequiredSubjectIsRefusedBySchema() throws Exception {
        List<String[]> fields = valid();
        fields.removeIf(f -> f[0].equals("subject"));

        HttpResponse<String> response = post(fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("subject");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void aTrackingValueOutsideTheSpecsEnumIsRefusedBySchema() throws Exception {
        List<String[]> fields = valid();
        fields.add(new String[] {"o:tracking-clicks", "maybe"});

        HttpResponse<String> response = post(fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("o:tracking-clicks");
    }

    @Test
    void aRepeatedSingleValuedFieldIsRefusedBySchema() throws Exception {
        List<String[]> fields = valid();
        fields.add(new String[] {"from", "other@shop.example"});

        assertThat(post(fields).statusCode()).isEqualTo(400);
    }

    @Test
    void aMessageWithoutBodyIsRefused() throws Exception {
        List<String[]> fields = valid();
        fields.removeIf(f -> f[0].equals("text"));

        HttpResponse<String> response = post(fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("Need at least one of 'text', 'html'");
    }

    @Test
    void anInvalidRecipientIsRefusedAsMailgunWordsIt() throws Exception {
        List<String[]> fields = valid();
        fields.add(new String[] {"cc", "not-an-address"});

        HttpResponse<String> response = post(fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).isEqualTo("cc parameter is not a valid address. please check documentation");
    }

    @Test
    void aTruncatedOrNonMultipartBodyIsRefused() throws Exception {
        String path = "/v3/" + DOMAIN + "/messages";
        HttpResponse<String> truncated =
                post(path, form(valid(), false), "multipart/form-data; boundary=" + BOUNDARY, KEY);
        HttpResponse<String> noBoundary = post(path, form(valid(), true), "multipart/form-data", KEY);
        HttpResponse<String> json = post(path, "{\"from\":\"a@b.example\"}".getBytes(), "application/json", KEY);

        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(message(truncated)).contains("closing boundary");
        assertThat(noBoundary.statusCode()).isEqualTo(400);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(message(json)).contains("Expecting 'multipart/form-data'");
    }

    @Test
    void anotherDomainIsNotFound() throws Exception {
        HttpResponse<String> response = post(
                "/v3/other.example/messages", form(valid(), true), "multipart/form-data; boundary=" + BOUNDARY, KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(message(response)).contains("Domain not found");
    }

    @Test
    void wrongKeysGetABareForbiddenAndMissingOnesAJsonError() throws Exception {
        String path = "/v3/" + DOMAIN + "/messages";
        HttpResponse<String> wrong =
                post(path, form(valid(), true), "multipart/form-data; boundary=" + BOUNDARY, "key-other");
        HttpResponse<String> missing =
                post(path, form(valid(), true), "multipart/form-data; boundary=" + BOUNDARY, null);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("Forbidden");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json.readTree(missing.body()).path("Error").asText()).isEqualTo("unauthorized");
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void rateLimitStatesTheRetryTimeOnlyInTheMessage() throws Exception {
        sim.fault(new Fault.RateLimit(Duration.ofSeconds(7)));

        HttpResponse<String> response = post(valid());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(message(response)).endsWith("limit exceeded, try again after 7 seconds");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void theDomainCallAnswersWithTheDomainsState() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v4/domains/" + DOMAIN))
                        .header("Authorization", "Basic " + basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).at("/domain/state").asText()).isEqualTo("active");
    }
}
