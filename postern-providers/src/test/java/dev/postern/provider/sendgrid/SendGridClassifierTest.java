package dev.postern.provider.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.SendOutcome;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
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

/** One row per row of {@link SendGridClassifier}'s table. */
class SendGridClassifierTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "202 with X-Message-Id is accepted",
                        202,
                        Map.of("X-Message-Id", "abc123"),
                        "",
                        SendOutcome.Accepted.class,
                        "abc123"),
                row(
                        "200 with X-Message-Id (sandbox) is accepted",
                        200,
                        Map.of("X-Message-Id", "s1"),
                        "",
                        SendOutcome.Accepted.class,
                        "s1"),
                row(
                        "202 without X-Message-Id is ambiguous",
                        202,
                        Map.of(),
                        "",
                        SendOutcome.Ambiguous.class,
                        "X-Message-Id"),
                row(
                        "200 with an unparseable body and no id is ambiguous",
                        200,
                        Map.of(),
                        "{\"id\": <<",
                        SendOutcome.Ambiguous.class,
                        "200"),
                row(
                        "400 field validation is rejected",
                        400,
                        Map.of(),
                        error("Does not contain a valid address.", "personalizations.0.to.0.email"),
                        SendOutcome.Rejected.class,
                        "personalizations.0.to.0.email: Does not contain a valid address."),
                row(
                        "401 is misconfigured",
                        401,
                        Map.of(),
                        error("authorization required", null),
                        SendOutcome.Misconfigured.class,
                        "authorization required"),
                row(
                        "403 is misconfigured",
                        403,
                        Map.of(),
                        error("access forbidden", null),
                        SendOutcome.Misconfigured.class,
                        "access forbidden"),
                row(
                        "404 is misconfigured (base_url)",
                        404,
                        Map.of(),
                        error("not found", null),
                        SendOutcome.Misconfigured.class,
                        "base_url"),
                row(
                        "405 is misconfigured (base_url)",
                        405,
                        Map.of(),
                        error("method not allowed", null),
                        SendOutcome.Misconfigured.class,
                        "base_url"),
                row(
                        "413 is rejected",
                        413,
                        Map.of(),
                        error("content too large", null),
                        SendOutcome.Rejected.class,
                        "content too large"),
                row(
                        "429 without headers is rate limited with no retry time",
                        429,
                        Map.of(),
                        error("too many requests", null),
                        SendOutcome.RateLimited.class,
                        "too many requests"),
                row(
                        "500 is unavailable",
                        500,
                        Map.of(),
                        error("internal server error", null),
                        SendOutcome.Unavailable.class,
                        "internal server error"),
                row(
                        "503 with a non-JSON body is unavailable",
                        503,
                        Map.of(),
                        "<html>down</html>",
                        SendOutcome.Unavailable.class,
                        "<html>down</html>"),
                row(
                        "an undocumented 4xx is unavailable, never rejected on a guess",
                        418,
                        Map.of(),
                        "",
                        SendOutcome.Unavailable.class,
                        "418"),
                row(
                        "a redirect is unavailable",
                        302,
                        Map.of("Location", "https://elsewhere"),
                        "",
                        SendOutcome.Unavailable.class,
                        "302"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifiesEachDocumentedAnswer(
            String name, int status, Map<String, String> headers, String body, Class<?> outcome, String detail) {
        SendOutcome result = SendGridClassifier.classify(status, headers(headers), bytes(body), CLOCK);

        assertThat(result).isInstanceOf(outcome);
        assertThat(result.detail()).contains(detail);
    }

    static Stream<Arguments> retryTimes() {
        return Stream.of(
                Arguments.of(Map.of(), null),
                Arguments.of(Map.of("Retry-After", "7"), Duration.ofSeconds(7)),
                Arguments.of(
                        Map.of("X-RateLimit-Reset", "" + NOW.plusSeconds(30).getEpochSecond()),
                        Duration.ofSeconds(30)));
    }

    @ParameterizedTest(name = "429 with {0} waits {1}")
    @MethodSource("retryTimes")
    void rateLimitReadsRetryAfterOrTheResetTimeWhenPresent(Map<String, String> headers, Duration expected) {
        SendOutcome result =
                SendGridClassifier.classify(429, headers(headers), bytes(error("too many requests", null)), CLOCK);

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendOutcome.RateLimited.class,
                        r -> assertThat(r.retryAfter()).isEqualTo(expected));
    }

    private static Arguments row(
            String name, int status, Map<String, String> headers, String body, Class<?> outcome, String detail) {
        return Arguments.of(name, status, headers, body, outcome, detail);
    }

    private static String error(String message, String field) {
        return "{\"errors\":[{\"message\":\"" + message + "\",\"field\":"
                + (field == null ? "null" : "\"" + field + "\"") + ",\"help\":null}]}";
    }

    private static HttpHeaders headers(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return HttpHeaders.of(multi, (k, v) -> true);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
