package dev.postern.provider.http;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per row of the table in {@link HttpWebhookClassifier}. */
class HttpWebhookClassifierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} {1} Retry-After={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '`', textBlock = """
            200 | {"id": "svc-1"}                  | - | Accepted
            201 | {"id": "svc-1", "queued": true}  | - | Accepted
            202 | {"id": "svc-1"}                  | - | Accepted
            200 | {"status": "ok"}                 | - | Ambiguous
            200 | {"id": ""}                       | - | Ambiguous
            200 | {"id": 42}                       | - | Ambiguous
            204 | ``                               | - | Ambiguous
            200 | {"id": <<garbage                 | - | Ambiguous
            400 | {"error": "to is required"}      | - | Rejected
            413 | {"error": "too large"}           | - | Rejected
            422 | {"error": "recipient refused"}   | - | Rejected
            401 | {"error": "bad key"}             | - | Misconfigured
            403 | -                                | - | Misconfigured
            429 | {"error": "slow down"}           | 7 | RateLimited
            429 | -                                | - | RateLimited
            408 | -                                | - | Unavailable
            500 | {"error": "boom"}                | - | Unavailable
            502 | <html>bad gateway</html>         | - | Unavailable
            503 | -                                | - | Unavailable
            404 | -                                | - | Unavailable
            409 | -                                | - | Unavailable
            302 | -                                | - | Unavailable
            """)
    void answersAreClassifiedByTheTable(int status, String body, String retryAfter, String expected) {
        HttpHeaders headers = HttpHeaders.of(
                retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);

        SendOutcome outcome = HttpWebhookClassifier.classify(
                status, headers, (body == null ? "" : body).getBytes(StandardCharsets.UTF_8), CLOCK);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
        if (outcome instanceof SendOutcome.RateLimited limited) {
            assertThat(limited.retryAfter()).isEqualTo(retryAfter == null ? null : Duration.ofSeconds(7));
        }
        if (outcome instanceof SendOutcome.Accepted accepted) {
            assertThat(accepted.providerMessageId()).isEqualTo("svc-1");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | {"error": "to is required"} | the service answered 400: to is required
            500 | not json                    | the service answered 500
            """)
    void theServicesErrorTextIsQuoted(int status, String body, String detail) {
        SendOutcome outcome = HttpWebhookClassifier.classify(
                status, HttpHeaders.of(Map.of(), (a, b) -> true), body.getBytes(StandardCharsets.UTF_8), CLOCK);

        assertThat(outcome.detail()).isEqualTo(detail);
    }
}
