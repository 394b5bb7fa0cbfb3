package dev.postern.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.characters;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A provider's {@code Retry-After} is read whatever it says: a value that cannot be a wait is no
 * wait, and nothing a provider sends makes the reading throw (bounding the wait is routing's job).
 */
class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndHttpDatesAreWaits() {
        assertThat(RetryAfter.parse("7", CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:01:00 GMT", CLOCK)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Mon, 05 Jan 2026 08:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void valuesBeyondAnyDateOrNumberAreReadWithoutThrowing() {
        for (String value : List.of(
                "999999999",
                "99999999999999999999",
                "9223372036854775808",
                "1e400",
                "Infinity",
                "31556889864403199",
                "Fri, 31 Dec 9999 23:59:59 GMT")) {
            assertThat(RetryAfter.parse(value, CLOCK))
                    .as(value)
                    .hasValueSatisfying(d -> assertThat(d).isPositive());
        }
    }

    @Test
    void negativeAndMeaninglessValuesAreNoWait() {
        for (String value : List.of("-5", "-1e400", "NaN", "-Infinity", "soon", "", "Mon, 32 Jan 2026 09:00:00 GMT")) {
            assertThat(RetryAfter.parse(value, CLOCK)).as(value).isEmpty();
        }
    }

    @Test
    void anyHeaderValueIsReadWithoutThrowingAndNeverAsANegativeWait() {
        qt().withExamples(3000).forAll(headerValue()).checkAssert(value -> {
            HttpHeaders headers = HttpHeaders.of(
                    Map.of("Retry-After", List.of(value), "X-RateLimit-Reset", List.of(value)), (k, v) -> true);
            RetryAfter.parse(value, CLOCK)
                    .ifPresent(d -> assertThat(d.isNegative()).as(value).isFalse());
            RetryAfter.from(headers, CLOCK)
                    .ifPresent(d -> assertThat(d.isNegative()).as(value).isFalse());
        });
    }

    /** Random text salted with digits, signs, exponents and the pieces of HTTP dates. */
    private static Gen<String> headerValue() {
        Gen<String> pieces = Generate.pick(List.of(
                "9",
                "0",
                "99999999999",
                "-",
                "+",
                ".",
                "e",
                "E",
                "400",
                "Infinity",
                "NaN",
                "0x1p",
                "d",
                "f",
                "Mon, ",
                "Fri, ",
                "31 ",
                "Dec ",
                "9999 ",
                "+999999999 ",
                "-999999999 ",
                "23:59:59 ",
                "GMT",
                " "));
        Gen<String> chars = characters().ascii().map(c -> String.valueOf(c));
        return lists().of(Generate.frequency(Pair.of(3, pieces), Pair.of(1, chars)))
                .ofSizeBetween(0, 12)
                .map(parts -> parts.stream().collect(Collectors.joining()));
    }
}
