package dev.postern.provider.resend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.SendOutcome;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per row of {@link ResendClassifier}'s table. */
class ResendClassifierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    static Stream<Arguments> table() {
        return Stream.of(
                row(200, "{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}", SendOutcome.Accepted.class),
                row(200, "{\"object\":\"email\"}", SendOutcome.Ambiguous.class),
                row(200, "{\"id\": <<garbage", SendOutcome.Ambiguous.class),
                row(400, error(400, "invalid_idempotency_key"), SendOutcome.Unavailable.class),
                row(400, error(400, "validation_error"), SendOutcome.Rejected.class),
                row(422, error(422, "missing_required_field"), SendOutcome.Rejected.class),
                row(422, error(422, "invalid_from_address"), SendOutcome.Rejected.class),
                row(422, error(422, "invalid_attachment"), SendOutcome.Rejected.class),
                row(422, error(422, "validation_error"), SendOutcome.Rejected.class),
                row(422, error(422, "invalid_parameter"), SendOutcome.Rejected.class),
                row(401, error(401, "missing_api_key"), SendOutcome.Misconfigured.class),
                row(401, error(401, "restricted_api_key"), SendOutcome.Misconfigured.class),
                row(403, error(403, "invalid_api_key"), SendOutcome.Misconfigured.class),
                row(403, error(403, "validation_error"), SendOutcome.Misconfigured.class),
                row(404, error(404, "not_found"), SendOutcome.Misconfigured.class),
                row(405, error(405, "method_not_allowed"), SendOutcome.Misconfigured.class),
                row(409, error(409, "invalid_idempotent_request"), SendOutcome.Ambiguous.class),
                row(409, error(409, "concurrent_idempotent_requests"), SendOutcome.Ambiguous.class),
                row(429, error(429, "rate_limit_exceeded"), SendOutcome.RateLimited.class),
                row(429, error(429, "daily_quota_exceeded"), SendOutcome.RateLimited.class),
                row(429, error(429, "monthly_quota_exceeded"), SendOutcome.RateLimited.class),
                row(451, error(451, "security_error"), SendOutcome.Misconfigured.class),
                row(500, error(500, "application_error"), SendOutcome.Unavailable.class),
                row(500, error(500, "internal_server_error"), SendOutcome.Unavailable.class),
                row(503, "<html>Service Unavailable</html>", SendOutcome.Unavailable.class),
                row(302, "", SendOutcome.Unavailable.class),
                row(418, "not json", SendOutcome.Unavailable.class));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @MethodSource("table")
    void classifiesEveryDocumentedAnswer(int status, String body, Class<? extends SendOutcome> expected) {
        assertThat(ResendClassifier.classify(status, headers(Map.of()), body, CLOCK))
                .isInstanceOf(expected);
    }

    @org.junit.jupiter.api.Test
    void rateLimitWaitsForRetryAfterThenForTheResetHeader() {
        String body = error(429, "rate_limit_exceeded");

        SendOutcome stated = ResendClassifier.classify(
                429, headers(Map.of("retry-after", "3", "ratelimit-reset", "9")), body, CLOCK);
        SendOutcome reset = ResendClassifier.classify(429, headers(Map.of("ratelimit-reset", "9")), body, CLOCK);
        SendOutcome unstated = ResendClassifier.classify(429, headers(Map.of()), body, CLOCK);

        assertThat(((SendOutcome.RateLimited) stated).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(((SendOutcome.RateLimited) reset).retryAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(((SendOutcome.RateLimited) unstated).retryAfter()).isNull();
    }

    @org.junit.jupiter.api.Test
    void detailsNameResendsErrorAndMessage() {
        SendOutcome outcome = ResendClassifier.classify(
                422,
                headers(Map.of()),
                "{\"statusCode\":422,\"name\":\"invalid_from_address\",\"message\":\"Invalid `from` field.\"}",
                CLOCK);

        assertThat(outcome.detail()).isEqualTo("Resend answered 422 invalid_from_address: Invalid `from` field.");
    }

    private static Arguments row(int status, String body, Class<? extends SendOutcome> expected) {
        return Arguments.of(status, body, expected);
    }

    private static String error(int status, String name) {
        return "{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"simulated\"}";
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        values.forEach((k, v) -> multi.put(k, List.of(v)));
        return HttpHeaders.of(multi, (a, b) -> true);
    }
}
