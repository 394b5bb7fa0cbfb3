package dev.postern.provider.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.postern.provider.RefusedRecipient;
import dev.postern.provider.SendOutcome;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per row of {@link PostmarkClassifier}'s table. */
class PostmarkClassifierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        200,
                        "{\"To\":\"a@b.example\",\"SubmittedAt\":\"2026-03-01T12:00:00Z\","
                                + "\"MessageID\":\"b7bc2f4a-e38e-4336-af7d-e6c392c2f817\",\"ErrorCode\":0,\"Message\":\"OK\"}",
                        SendOutcome.Accepted.class),
                row(200, "{\"ErrorCode\":0,\"Message\":\"OK\"}", SendOutcome.Ambiguous.class),
                row(200, "{\"MessageID\": <<garbage", SendOutcome.Ambiguous.class),
                row(401, error(10, "The Server Token you provided was invalid."), SendOutcome.Misconfigured.class),
                row(401, "", SendOutcome.Misconfigured.class),
                row(404, "", SendOutcome.Misconfigured.class),
                row(413, "", SendOutcome.Rejected.class),
                row(429, error(429, "Rate limit exceeded"), SendOutcome.RateLimited.class),
                row(500, "", SendOutcome.Unavailable.class),
                row(503, error(100, "Maintenance"), SendOutcome.Unavailable.class),
                row(422, error(10, "Bad or missing API token"), SendOutcome.Misconfigured.class),
                row(422, error(100, "Maintenance"), SendOutcome.Unavailable.class),
                row(422, error(300, "Provide either email TextBody or HtmlBody or both."), SendOutcome.Rejected.class),
                row(
                        422,
                        error(300, "Invalid 'From' address: 'x' is not a verified Sender Signature."),
                        SendOutcome.Misconfigured.class),
                row(422, error(400, "Sender signature not found"), SendOutcome.Misconfigured.class),
                row(422, error(401, "Sender signature not confirmed"), SendOutcome.Misconfigured.class),
                row(422, error(402, "Invalid JSON"), SendOutcome.Unavailable.class),
                row(422, error(403, "Incompatible JSON"), SendOutcome.Unavailable.class),
                row(422, error(409, "JSON required"), SendOutcome.Unavailable.class),
                row(422, error(405, "Not allowed to send"), SendOutcome.Misconfigured.class),
                row(422, error(412, "Account pending approval"), SendOutcome.Misconfigured.class),
                row(422, error(413, "Account may not send"), SendOutcome.Misconfigured.class),
                row(422, error(406, "Inactive recipient"), SendOutcome.Rejected.class),
                row(422, error(410, "Too many batch messages"), SendOutcome.Rejected.class),
                row(422, error(411, "Forbidden attachment type"), SendOutcome.Rejected.class),
                row(422, error(429, "Rate limit exceeded"), SendOutcome.RateLimited.class),
                row(422, error(1234, "Something new"), SendOutcome.Unavailable.class),
                row(422, "not json", SendOutcome.Unavailable.class),
                row(200, error(406, "Inactive recipient"), SendOutcome.Rejected.class));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @MethodSource("table")
    void classifiesEveryDocumentedAnswer(int status, String body, Class<? extends SendOutcome> expected) {
        assertThat(PostmarkClassifier.classify(status, NONE, body, CLOCK)).isInstanceOf(expected);
    }

    @Test
    void rateLimitWithoutHeadersStatesNoRetryTimeAndHonoursOneIfSent() {
        String body = error(429, "Rate limit exceeded");
        HttpHeaders retry = HttpHeaders.of(Map.of("Retry-After", List.of("4")), (a, b) -> true);

        assertThat(((SendOutcome.RateLimited) PostmarkClassifier.classify(429, NONE, body, CLOCK)).retryAfter())
                .isNull();
        assertThat(((SendOutcome.RateLimited) PostmarkClassifier.classify(429, retry, body, CLOCK)).retryAfter())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void detailNamesStatusErrorCodeAndMessage() {
        assertThat(PostmarkClassifier.classify(422, NONE, error(406, "Inactive recipient"), CLOCK)
                        .detail())
                .isEqualTo("Postmark answered 422 ErrorCode 406: Inactive recipient");
    }

    @Test
    void inactiveRecipientsNamedByPostmarkAreRefusedForGoodOneByOne() {
        String body = error(
                406,
                "You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses:"
                        + " cy@example.com, dee@example.org. Inactive recipients are ones that have generated a hard"
                        + " bounce, a spam complaint, or a manual suppression.");

        SendOutcome outcome = PostmarkClassifier.classify(422, NONE, body, CLOCK);

        assertThat(outcome).isInstanceOf(SendOutcome.RecipientsRefused.class);
        assertThat(((SendOutcome.RecipientsRefused) outcome).refused())
                .extracting(RefusedRecipient::address, RefusedRecipient::permanent)
                .containsExactly(tuple("cy@example.com", true), tuple("dee@example.org", true));
    }

    private static Arguments row(int status, String body, Class<? extends SendOutcome> expected) {
        return Arguments.of(status, body, expected);
    }

    private static String error(int code, String message) {
        return "{\"ErrorCode\":" + code + ",\"Message\":\"" + message + "\"}";
    }
}
