package dev.postern.provider.emailr;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per row of {@link EmailrClassifier}'s table. */
class EmailrClassifierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        200,
                        "{\"success\":true,\"message_id\":\"123e4567-e89b-12d3-a456-426614174000\",\"recipients\":1}",
                        SendOutcome.Accepted.class),
                row(200, "{\"success\":false,\"message_id\":\"x\"}", SendOutcome.Unavailable.class),
                row(200, "{\"success\":true}", SendOutcome.Ambiguous.class),
                row(200, "{\"message_id\": <<garbage", SendOutcome.Ambiguous.class),
                row(400, error("VALIDATION_ERROR"), SendOutcome.Rejected.class),
                row(400, error("DOMAIN_NOT_VERIFIED"), SendOutcome.Unavailable.class),
                row(400, "", SendOutcome.Unavailable.class),
                row(401, error("UNAUTHORIZED"), SendOutcome.Misconfigured.class),
                row(403, error("FORBIDDEN"), SendOutcome.Misconfigured.class),
                row(404, error("NOT_FOUND"), SendOutcome.Misconfigured.class),
                row(405, "", SendOutcome.Misconfigured.class),
                row(429, error("RATE_LIMIT_EXCEEDED"), SendOutcome.RateLimited.class),
                row(500, error("INTERNAL_ERROR"), SendOutcome.Unavailable.class),
                row(503, "<html>down</html>", SendOutcome.Unavailable.class),
                row(302, "", SendOutcome.Unavailable.class));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @MethodSource("table")
    void classifiesEveryDocumentedAnswer(int status, String body, Class<? extends SendOutcome> expected) {
        assertThat(EmailrClassifier.classify(status, NONE, body, CLOCK)).isInstanceOf(expected);
    }

    @Test
    void rateLimitHonoursARetryAfterIfOneIsSent() {
        HttpHeaders retry = HttpHeaders.of(Map.of("Retry-After", List.of("5")), (a, b) -> true);

        SendOutcome outcome = EmailrClassifier.classify(429, retry, error("RATE_LIMIT_EXCEEDED"), CLOCK);

        assertThat(((SendOutcome.RateLimited) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void detailNamesStatusCodeAndError() {
        assertThat(EmailrClassifier.classify(400, NONE, error("VALIDATION_ERROR"), CLOCK)
                        .detail())
                .isEqualTo("emailr answered 400 VALIDATION_ERROR: simulated");
    }

    private static Arguments row(int status, String body, Class<? extends SendOutcome> expected) {
        return Arguments.of(status, body, expected);
    }

    private static String error(String code) {
        return "{\"error\":\"simulated\",\"code\":\"" + code + "\",\"details\":null}";
    }
}
