package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MIME Postern hands the relay, byte for byte: headers, chosen transfer encodings and line
 * breaks of representative messages, pinned in {@code mime/*.eml} (recorded from the builder as it
 * was before the text parts were given their content as bytes). Only the multipart boundaries,
 * which Angus Mail makes unique per message, are replaced by numbered placeholders. The SMTP data
 * stream then adds CRLFs and dot-stuffing to exactly these bytes.
 *
 * <p>To re-record after an intended change: {@code -Dpostern.mime.record=src/test/resources/...}.
 */
class MimeBuilderBytesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);
    private static final Pattern BOUNDARY = Pattern.compile("----=_Part_\\d+_-?\\d+\\.\\d+");

    static Map<String, Email> messages() {
        Map<String, Email> messages = new LinkedHashMap<>();
        messages.put(
                "ascii-text",
                base().text("Hello Ada,\nyour order shipped.\n\n-- \nShop").build());
        messages.put(
                "utf8-text",
                base().subject("Grüße — 注文 №42 ✓")
                        .text("Grüße aus Köln,\nthe order №42 is on its way ✓\n")
                        .build());
        messages.put(
                "mostly-non-ascii-text",
                base().text("注文の確認：ありがとうございます。\nКвитанция").build());
        messages.put(
                "long-ascii-line",
                base().text("start " + "x".repeat(1_200) + "\nend").build());
        messages.put(
                "long-utf8-line", base().text("ü" + "y".repeat(1_500) + "\n").build());
        messages.put(
                "dots-at-line-start",
                base().text(".leading dot\n.\n..two dots\r\nCRLF line\rCR line\n.")
                        .build());
        messages.put(
                "html-only",
                base().html("<p>Grüße aus <b>Köln</b></p>\n<p>.dot</p>").build());
        messages.put(
                "html-and-text",
                base().text("Plain part\n.dot line")
                        .html("<html><body><p>HTML part ✓</p></body></html>")
                        .header("X-Campaign", "Frühling receipts")
                        .build());
        messages.put(
                "attachments",
                base().cc("Zoë Ådahl <zoe@example.com>")
                        .replyTo("support@shop.example")
                        .text("See the invoice.")
                        .html("<p>See the invoice <img src=\"cid:logo\"></p>")
                        .attachment(
                                "Rechnung-ä.pdf", "application/pdf", "%PDF-1.4 fake ✓".getBytes(StandardCharsets.UTF_8))
                        .attachment(
                                "notes.txt", "text/plain", "line one\nline two\n".getBytes(StandardCharsets.US_ASCII))
                        .attachment(new Attachment(
                                "logo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1}, "logo"))
                        .build());
        return messages;
    }

    private static Email.Builder base() {
        return Email.builder()
                .from("Ærøskøbing Shop <orders@shop.example>")
                .to("ada@example.com")
                .subject("Your order");
    }

    static Iterable<String> names() {
        return messages().keySet();
    }

    @ParameterizedTest
    @MethodSource("names")
    void theRelayGetsExactlyThePinnedMime(String name) throws Exception {
        Email email = messages().get(name);
        AttemptContext context =
                new AttemptContext("01JMIME" + name.toUpperCase().replace('-', '0'), 1, true);
        String rendered = render(email, context);

        String record = System.getProperty("postern.mime.record");
        if (record != null) {
            Files.writeString(Path.of(record, name + ".eml"), rendered, StandardCharsets.ISO_8859_1);
        }
        assertThat(rendered).isEqualTo(pinned(name));
    }

    private static String render(Email email, AttemptContext context) throws Exception {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // the Date header is written in the default zone
        try {
            var message = MimeBuilder.build(
                    email, context, new SmtpConnector(SmtpConfig.of("127.0.0.1", 25)).session(), CLOCK);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return numberBoundaries(out.toString(StandardCharsets.ISO_8859_1));
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    private static String numberBoundaries(String mime) {
        Map<String, String> numbers = new LinkedHashMap<>();
        Matcher m = BOUNDARY.matcher(mime);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = numbers.computeIfAbsent(m.group(), b -> "BOUNDARY-" + (numbers.size() + 1));
            m.appendReplacement(out, number);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String pinned(String name) throws IOException {
        try (InputStream in = MimeBuilderBytesTest.class.getResourceAsStream("mime/" + name + ".eml")) {
            assertThat(in).as("pinned MIME for " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
