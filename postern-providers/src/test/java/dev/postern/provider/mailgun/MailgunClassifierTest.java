package dev.postern.provider.mailgun;

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

/** One row per row of {@link MailgunClassifier}'s table. */
class MailgunClassifierTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String QUEUED =
            "{\"id\":\"<20111114174239.25659.5817@samples.mailgun.org>\",\"message\":\"Queued. Thank you.\"}";

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "200 with an id is accepted, brackets kept",
                        200,
                        QUEUED,
                        SendOutcome.Accepted.class,
                        "<20111114174239.25659.5817@samples.mailgun.org>"),
                row(
                        "200 with an unparseable body is ambiguous",
                        200,
                        "{\"id\": <<",
                        SendOutcome.Ambiguous.class,
                        "without a readable id"),
                row(
                        "200 without an id is ambiguous",
                        200,
                        "{\"message\":\"Queued. Thank you.\"}",
                        SendOutcome.Ambiguous.class,
                        "200"),
                row(
                        "400 sandbox domain is misconfigured",
                        400,
                        msg(
                                "Domain sandbox123.mailgun.org is not allowed to send: Sandbox subdomains are for test purposes only."),
                        SendOutcome.Misconfigured.class,
                        "Sandbox subdomains"),
                row(
                        "400 unverified domain is misconfigured",
                        400,
                        msg("Domain mg.shop.example is not allowed to send: domain is unverified"),
                        SendOutcome.Misconfigured.class,
                        "unverified"),
                row(
                        "400 bad address is rejected",
                        400,
                        msg("to parameter is not a valid address. please check documentation"),
                        SendOutcome.Rejected.class,
                        "not a valid address"),
                row(
                        "400 too many recipients is rejected",
                        400,
                        msg("Too many recipients, max is 1000"),
                        SendOutcome.Rejected.class,
                        "max is 1000"),
                row(
                        "401 bare Forbidden is misconfigured",
                        401,
                        "Forbidden",
                        SendOutcome.Misconfigured.class,
                        "Forbidden"),
                row(
                        "401 {\"Error\"} is misconfigured",
                        401,
                        "{\"Error\":\"unauthorized\"}",
                        SendOutcome.Misconfigured.class,
                        "unauthorized"),
                row(
                        "402 is misconfigured",
                        402,
                        msg("request failed"),
                        SendOutcome.Misconfigured.class,
                        "request failed"),
                row(
                        "403 large batches is misconfigured",
                        403,
                        msg("not allowed to send large batches yet"),
                        SendOutcome.Misconfigured.class,
                        "large batches"),
                row(
                        "404 domain not found is misconfigured",
                        404,
                        msg("Domain not found"),
                        SendOutcome.Misconfigured.class,
                        "region"),
                row(
                        "413 is rejected",
                        413,
                        msg("request size exceeds 52.4MiB limit"),
                        SendOutcome.Rejected.class,
                        "52.4MiB"),
                row(
                        "429 is rate limited",
                        429,
                        msg(
                                "Domain d is not allowed to send: account-requests-per-sec limit exceeded, try again after 120 seconds"),
                        SendOutcome.RateLimited.class,
                        "limit exceeded"),
                row(
                        "500 is unavailable",
                        500,
                        msg("Internal Server Error"),
                        SendOutcome.Unavailable.class,
                        "Internal Server Error"),
                row(
                        "502 is unavailable",
                        502,
                        "<html>bad gateway</html>",
                        SendOutcome.Unavailable.class,
                        "bad gateway"),
                row("503 is unavailable", 503, msg("Service Unavailable"), SendOutcome.Unavailable.class, "503"),
                row("504 is unavailable", 504, "", SendOutcome.Unavailable.class, "(empty body)"),
                row(
                        "an undocumented status is unavailable, never rejected on a guess",
                        418,
                        msg("teapot"),
                        SendOutcome.Unavailable.class,
                        "teapot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifiesEachDocumentedAnswer(String name, int status, String body, Class<?> outcome, String detail) {
        SendOutcome result = MailgunClassifier.classify(status, headers(Map.of()), bytes(body), CLOCK);

        assertThat(result).isInstanceOf(outcome);
        assertThat(result.detail()).contains(detail);
    }

    static Stream<Arguments> retryTimes() {
        return Stream.of(
                Arguments.of("try again after 120 seconds", Map.of(), Duration.ofSeconds(120)),
                Arguments.of("try again after Thu, 01 Jan 2026 00:05:00 GMT", Map.of(), Duration.ofMinutes(5)),
                Arguments.of("try again after Thu, 1 Jan 2026 00:00:30 +0000.", Map.of(), Duration.ofSeconds(30)),
                Arguments.of("try again after Thu, 01 Jan 2026 00:01:00 UTC", Map.of(), Duration.ofMinutes(1)),
                Arguments.of("try again after a while", Map.of(), null),
                // beyond any number or date: read without throwing, bounded later by max_cooldown
                Arguments.of(
                        "try again after 99999999999999999999 seconds", Map.of(), Duration.ofSeconds(Long.MAX_VALUE)),
                Arguments.of(
                        "try again after Fri, 31 Dec 9999 23:59:59 GMT",
                        Map.of(),
                        Duration.between(CLOCK.instant(), java.time.Instant.parse("9999-12-31T23:59:59Z"))),
                Arguments.of(
                        "try again after 1 seconds",
                        Map.of("Retry-After", "1e400"),
                        Duration.between(
                                CLOCK.instant(),
                                java.time.Instant.ofEpochSecond(java.time.Instant.MAX.getEpochSecond()))),
                Arguments.of("limit exceeded", Map.of(), null),
                Arguments.of("try again after 120 seconds", Map.of("Retry-After", "9"), Duration.ofSeconds(9)));
    }

    @ParameterizedTest(name = "429 \"{0}\" with {1} waits {2}")
    @MethodSource("retryTimes")
    void rateLimitReadsTheRetryTimeFromTheMessageText(String text, Map<String, String> headers, Duration expected) {
        String body = msg("Domain d is not allowed to send: recipient limit exceeded, " + text);

        SendOutcome result = MailgunClassifier.classify(429, headers(headers), bytes(body), CLOCK);

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendOutcome.RateLimited.class,
                        r -> assertThat(r.retryAfter()).isEqualTo(expected));
    }

    private static Arguments row(String name, int status, String body, Class<?> outcome, String detail) {
        return Arguments.of(name, status, body, outcome, detail);
    }

    private static String msg(String message) {
        return "{\"message\":\"" + message + "\"}";
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
