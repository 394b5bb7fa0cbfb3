package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeEstimateTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ascii only",
                "Grüße aus Köln",
                "注文 №42 ✓",
                "emoji \uD83D\uDE00 pair",
                "lone high \uD83D end",
                "lone low \uDE00 end",
                "high at end \uD83D",
                "two highs \uD83D\uD83D\uDE00",
                "\u007f\u0080\u07ff\u0800\uffff",
            })
    void countsTheSameBytesAsTheUtf8Encoder(String s) {
        assertThat(SizeEstimate.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
}
