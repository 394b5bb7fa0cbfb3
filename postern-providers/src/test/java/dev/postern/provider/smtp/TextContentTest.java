package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Postern's one-scan choice of transfer encoding agrees with Angus Mail's own for text parts. */
class TextContentTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain ascii\r\nand tabs\t",
                "bell \u0007 and escape \u001b",
                "delete \u007f",
                "Grüße",
                "注文の確認",
                "ab\u00e9", // as many ASCII bytes as not: base64
                "abc\u00e9", // more ASCII bytes: quoted-printable
                "LONG998",
                "LONG999",
                "LONG999CR",
            })
    void choosesTheEncodingAngusMailWouldChoose(String sample) throws Exception {
        String text = switch (sample) {
            case "LONG998" -> "a".repeat(998) + "\nb";
            case "LONG999" -> "a".repeat(999) + "\nb";
            case "LONG999CR" -> "a".repeat(500) + "\r" + "a".repeat(600);
            default -> sample;
        };
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        String angus = MimeUtility.getEncoding(new ByteArrayDataSource(bytes, "text/plain; charset=UTF-8"));

        assertThat(TextContent.encoding(bytes)).isEqualTo(angus);
    }
}
