package dev.postern.sim.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.sim.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SES simulator over real HTTP: it authenticates like AWS and refuses what SES would refuse. */
class SesSimulatorTest {
    private static final String AKID = "AKIDSIMULATOR0000001";
    private static final String SECRET = "simulator/secret+key0000000000000000000000";
    private static final SesSimulator SIM = new SesSimulator(0, AKID, SECRET).start();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A minimal valid SendEmail body; rows below break one thing each. */
    private static final String VALID = """
            {"FromEmailAddress": "=?UTF-8?B?w4Z2YQ==?= <a@shop.example>",
             "Destination": {"ToAddresses": ["Bo <b@example.com>"]},
             "Content": {"Simple": {"Subject": {"Data": "Hi ✓", "Charset": "UTF-8"},
                                    "Body": {"Text": {"Data": "Hello"}},
                                    "Headers": [{"Name": "X-Postern-Id", "Value": "m1"}],
                                    "Attachments": [{"FileName": "a.txt", "ContentType": "text/plain",
                                                     "RawContent": "aGk="}]}},
             "EmailTags": [{"Name": "postern_id", "Value": "m1"}]}
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
    void aSignedValidSendIsAcceptedAndRecorded() throws Exception {
        HttpResponse<String> response = post(AKID, SECRET, VALID);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("\\{\"MessageId\":\"010001[0-9a-f]{10}-[0-9a-f-]{36}-000000\"}");
        assertThat(SIM.received()).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("Æva <a@shop.example>");
            assertThat(m.to()).containsExactly("Bo <b@example.com>");
            assertThat(m.subject()).isEqualTo("Hi ✓");
            assertThat(m.header("X-Postern-Id")).contains("m1");
            assertThat(m.metadata()).containsEntry("postern_id", "m1");
            assertThat(m.attachments())
                    .singleElement()
                    .satisfies(a -> assertThat(a.content()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII)));
        });
        assertThat(SIM.verifiedAuthorizations()).singleElement().asString().startsWith("AWS4-HMAC-SHA256 Credential=");
    }

    @Test
    void getAccountAnswersTheAccountState() throws Exception {
        HttpResponse<String> response =
                send(signed("GET", SesSimulator.ACCOUNT_PATH, AKID, SECRET, "").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"SendingEnabled\":true").contains("\"SendQuota\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no Authorization header           | NONE                 | MissingAuthenticationTokenException
            a bearer token instead of SigV4   | BEARER               | IncompleteSignatureException
            an unknown access key id          | AKIDUNKNOWN000000000 | UnrecognizedClientException
            a signature made with another key | WRONG_SECRET         | InvalidSignatureException
            """)
    void badAuthenticationIsRefusedWith403(String what, String variant, String errorType) throws Exception {
        HttpRequest.Builder request = switch (variant) {
            case "NONE" -> HttpRequest.newBuilder(uri(SesSimulator.SEND_PATH));
            case "BEARER" ->
                HttpRequest.newBuilder(uri(SesSimulator.SEND_PATH)).header("Authorization", "Bearer " + SECRET);
            case "WRONG_SECRET" -> signed("POST", SesSimulator.SEND_PATH, AKID, "other", VALID);
            default -> signed("POST", SesSimulator.SEND_PATH, variant, SECRET, VALID);
        };
        HttpResponse<String> response = send(
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(VALID)));

        assertThat(response.statusCode()).as(what).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(errorType);
        assertThat(response.body()).startsWith("{\"message\":");
        assertThat(SIM.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(quoteCharacter = '`', delimiter = '|', textBlock = """
            unknown member             | "Content": {"Simple"           | "Content": {"Nothing": {},"Simple"            | Unknown member 'Content.Nothing'
            required member missing    | "Subject": {"Data": "Hi ✓", "Charset": "UTF-8"}, | "Subject": {"Charset": "UTF-8"}, | at 'Content.Simple.Subject.Data'
            list given as a string     | ["Bo <b@example.com>"]         | "b@example.com"                               | Member must be of type list
            header name with a colon   | "Name": "X-Postern-Id"         | "Name": "X-Postern:Id"                        | regular expression pattern
            attachment without a name  | "FileName": "a.txt",           | ``                                            | at 'Content.Simple.Attachments.1.FileName'
            blob that is not base64    | "aGk="                         | "%%%"                                         | valid base64
            enum value not in the set  | "ContentType": "text/plain",   | "ContentDisposition": "BOTH",                 | enum value set
            two content kinds          | "Content": {"Simple"           | "Content": {"Raw": {"Data": "aGk="}, "Simple" | exactly one of Simple, Raw or Template
            unencoded non-ASCII name   | =?UTF-8?B?w4Z2YQ==?=           | Æva                                           | Illegal address
            tag value with a dot       | "Value": "m1"}]                | "Value": "m.1"}]                              | Invalid tag value <m.1>
            no recipient               | ["Bo <b@example.com>"]         | []                                            | at least one recipient
            """)
    void malformedSendsGetBadRequestException(String what, String from, String to, String complaint) throws Exception {
        String body = VALID.replace(from, to);
        assertThat(body).as("the row changes the body").isNotEqualTo(VALID);

        HttpResponse<String> response = post(AKID, SECRET, body);

        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
        assertThat(response.body()).contains(complaint);
        assertThat(SIM.received()).isEmpty();
    }

    @Test
    void aSendWithoutContentIsRefused() throws Exception {
        HttpResponse<String> response = post(AKID, SECRET, """
                {"FromEmailAddress": "a@shop.example", "Destination": {"ToAddresses": ["b@example.com"]}}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Value null at 'Content' failed to satisfy constraint");
    }

    @Test
    void moreThanFifteenHeadersAreRefused() throws Exception {
        String headers = "{\"Name\": \"X-A\", \"Value\": \"v\"},".repeat(15);
        HttpResponse<String> response = post(AKID, SECRET, VALID.replace("\"Headers\": [", "\"Headers\": [" + headers));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("less than or equal to 15");
    }

    @Test
    void aBodyThatIsNotJsonIsASerializationException() throws Exception {
        HttpResponse<String> response = post(AKID, SECRET, "From=a@b");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("SerializationException");
    }

    @Test
    void rateLimitIsA429TooManyRequestsWithoutRetryTime() throws Exception {
        SIM.fault(new Fault.RateLimit(Duration.ofSeconds(7)));

        HttpResponse<String> response = post(AKID, SECRET, VALID);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("TooManyRequestsException");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(response.body()).contains("Maximum sending rate exceeded");
    }

    private static HttpResponse<String> post(String akid, String secret, String body) throws Exception {
        return send(signed("POST", SesSimulator.SEND_PATH, akid, secret, body)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request signed with SigV4 over host and x-amz-date, as the AWS SDKs sign. */
    private static HttpRequest.Builder signed(String method, String path, String akid, String secret, String body) {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        SigV4.Authorization scope =
                new SigV4.Authorization(akid, amzDate.substring(0, 8), "eu-west-1", "ses", "host;x-amz-date", "");
        String canonical = String.join(
                "\n",
                method,
                path,
                "",
                "host:" + uri(path).getAuthority() + "\nx-amz-date:" + amzDate + "\n",
                scope.signedHeaders(),
                SigV4.hex(SigV4.sha256(body.getBytes(StandardCharsets.UTF_8))));
        String signature = SigV4.sign(secret, scope, amzDate, canonical);
        return HttpRequest.newBuilder(uri(path))
                .header("X-Amz-Date", amzDate)
                .header(
                        "Authorization",
                        SigV4.ALGORITHM + " Credential=" + akid + "/" + scope.scope() + ", SignedHeaders="
                                + scope.signedHeaders() + ", Signature=" + signature);
    }

    private static URI uri(String path) {
        return URI.create(SIM.baseUrl() + path);
    }
}
