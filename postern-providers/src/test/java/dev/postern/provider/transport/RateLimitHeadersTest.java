package dev.postern.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.RateLimitStatus;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading providers' rate-limit headers, with the names their documentation gives. */
class RateLimitHeadersTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    private static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpHeaders.of(map, (n, v) -> true);
    }

    private static RateLimitStatus reported(long limit, long remaining, Instant reset) {
        return RateLimitStatus.reported(OptionalLong.of(limit), OptionalLong.of(remaining), Optional.of(reset));
    }

    @Test
    void resendsRatelimitHeadersGiveTheResetInSecondsFromNow() {
        HttpHeaders answer = headers("ratelimit-limit", "2", "ratelimit-remaining", "0", "ratelimit-reset", "1");

        assertThat(RateLimitHeaders.RESEND.read(answer, NOW)).contains(reported(2, 0, NOW.plusSeconds(1)));
    }

    @Test
    void sendgridsXRateLimitHeadersGiveTheResetAsAUnixTimeInAnyCasing() {
        long reset = NOW.getEpochSecond() + 60;
        HttpHeaders documented = headers(
                "X-RateLimit-Limit", "500", "X-RateLimit-Remaining", "499", "X-RateLimit-Reset", Long.toString(reset));
        HttpHeaders observed = headers(
                "X-Ratelimit-Limit", "500", "X-Ratelimit-Remaining", "499", "X-Ratelimit-Reset", Long.toString(reset));

        RateLimitStatus expected = reported(500, 499, Instant.ofEpochSecond(reset));
        assertThat(RateLimitHeaders.SENDGRID.read(documented, NOW)).contains(expected);
        assertThat(RateLimitHeaders.SENDGRID.read(observed, NOW)).contains(expected);
    }

    @Test
    void anAnswerWithoutTheHeadersReportsNothing() {
        assertThat(RateLimitHeaders.RESEND.read(headers("Content-Type", "application/json"), NOW))
                .isEmpty();
        assertThat(RateLimitHeaders.SENDGRID.read(headers("X-Message-Id", "abc"), NOW))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5", "0x10", "two", "1\r\nX-Evil: 1", "1 2", "9999999999999", "١"})
    void aGarbageValueIsIgnoredOnItsOwnAndNeverThrows(String garbage) {
        HttpHeaders answer =
                headers("ratelimit-limit", garbage, "ratelimit-remaining", "0", "ratelimit-reset", garbage);

        assertThat(RateLimitHeaders.RESEND.read(answer, NOW))
                .contains(RateLimitStatus.reported(OptionalLong.empty(), OptionalLong.of(0), Optional.empty()));
    }

    @Test
    void aValueWithACrOrLfIsNotANumberEvenAtItsEnds() {
        // HttpHeaders trims values; the reading itself must refuse them too
        assertThat(RateLimitHeaders.digits("1\n")).isEmpty();
        assertThat(RateLimitHeaders.digits("\r\n1")).isEmpty();
        assertThat(RateLimitHeaders.digits(" \t7 ")).hasValue(7);
    }

    @Test
    void aResetMoreThanADayAheadIsNotARateWindowAndIsIgnored() {
        HttpHeaders resend = headers("ratelimit-remaining", "0", "ratelimit-reset", "86401");
        HttpHeaders sendgrid = headers("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "999999999999");

        assertThat(RateLimitHeaders.RESEND.read(resend, NOW).orElseThrow().resetAt())
                .isEmpty();
        assertThat(RateLimitHeaders.SENDGRID.read(sendgrid, NOW).orElseThrow().resetAt())
                .isEmpty();
    }

    @Test
    void theLatestReportStaysUntilAnAnswerWithUsableHeadersReplacesIt() {
        RateLimitHeaders.Latest latest = RateLimitHeaders.RESEND.latest(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(latest.get()).isEqualTo(RateLimitStatus.UNKNOWN);

        latest.read(headers("ratelimit-limit", "2", "ratelimit-remaining", "1", "ratelimit-reset", "1"));
        latest.read(headers("Content-Type", "application/json"));
        latest.read(headers("ratelimit-remaining", "garbage"));

        assertThat(latest.get()).isEqualTo(reported(2, 1, NOW.plusSeconds(1)));
    }
}
