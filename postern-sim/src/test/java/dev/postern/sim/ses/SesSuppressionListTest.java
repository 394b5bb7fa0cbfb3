package dev.postern.sim.ses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.SeededSuppressions.Kind;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ListSuppressedDestinations} on the SES simulator: SigV4 over the query too, NextToken paging. */
class SesSuppressionListTest {
    private static final String AKID = "AKIDSIMULATOR0000001";
    private static final String SECRET = "simulator/secret+key0000000000000000000000";
    private static final String PATH = "/v2/email/suppression/addresses";
    private static final SesSimulator SIM = new SesSimulator(0, AKID, SECRET).start();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void seed() {
        SeededSuppressions list = SIM.suppressions().orElseThrow();
        list.clear();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        list.add(List.of(
                new SeededSuppressions.Entry("gone@example.com", Kind.BOUNCE, "550 5.1.1", at),
                new SeededSuppressions.Entry("angry@example.com", Kind.COMPLAINT, "", at),
                new SeededSuppressions.Entry("left@example.com", Kind.BOUNCE, "550 5.1.1", at)));
    }

    @Test
    void theListIsPagedWithNextTokenUntilSesGivesNone() throws Exception {
        HttpResponse<String> first = get("PageSize=2", "PageSize=2");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.path("SuppressedDestinationSummaries"))
                .extracting(n ->
                        n.path("EmailAddress").asText() + " " + n.path("Reason").asText())
                .containsExactly("gone@example.com BOUNCE", "angry@example.com COMPLAINT");
        assertThat(page.path("SuppressedDestinationSummaries")
                        .get(0)
                        .path("LastUpdateTime")
                        .asDouble())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z").getEpochSecond());
        String token = URLEncoder.encode(page.path("NextToken").asText(), StandardCharsets.UTF_8);
        assertThat(token).isNotEmpty();

        HttpResponse<String> second = get("NextToken=" + token + "&PageSize=2", "NextToken=" + token + "&PageSize=2");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode last = JSON.readTree(second.body());
        assertThat(last.path("SuppressedDestinationSummaries"))
                .extracting(n -> n.path("EmailAddress").asText())
                .containsExactly("left@example.com");
        assertThat(last.has("NextToken")).isFalse();
    }

    @Test
    void aQueryLeftOutOfTheSignatureIsRefused() throws Exception {
        HttpResponse<String> response = get("PageSize=2", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
    }

    @Test
    void aTokenTheSimulatorDidNotIssueIsInvalidNextTokenException() throws Exception {
        HttpResponse<String> response = get("NextToken=bogus", "NextToken=bogus");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidNextTokenException");
    }

    @Test
    void aPageSizeAboveAThousandIsABadRequest() throws Exception {
        HttpResponse<String> response = get("PageSize=1001", "PageSize=1001");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
    }

    /** GET {@code PATH?query}, signed as the AWS SDKs sign, with {@code canonicalQuery} in the signature. */
    private static HttpResponse<String> get(String query, String canonicalQuery) throws Exception {
        URI uri = URI.create(SIM.baseUrl() + PATH + "?" + query);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        SigV4.Authorization scope =
                new SigV4.Authorization(AKID, amzDate.substring(0, 8), "eu-west-1", "ses", "host;x-amz-date", "");
        String canonical = String.join(
                "\n",
                "GET",
                PATH,
                canonicalQuery,
                "host:" + uri.getAuthority() + "\nx-amz-date:" + amzDate + "\n",
                scope.signedHeaders(),
                SigV4.hex(SigV4.sha256(new byte[0])));
        String signature = SigV4.sign(SECRET, scope, amzDate, canonical);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("X-Amz-Date", amzDate)
                .header(
                        "Authorization",
                        SigV4.ALGORITHM + " Credential=" + AKID + "/" + scope.scope() + ", SignedHeaders="
                                + scope.signedHeaders() + ", Signature=" + signature)
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
