package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmailValidationTest {

    static Stream<Arguments> invalidEmails() {
        return Stream.of(
                invalid("missing from", b -> b.from((String) null), "from", "is required"),
                invalid("bad from", b -> b.from("postern"), "from", "is not a valid address"),
                invalid(
                        "no recipient",
                        b -> Email.builder().from("a@b.example").subject("").text("x"),
                        "to",
                        "at least one recipient"),
                invalid(
                        "bad third to",
                        b -> b.to("bob@example.com", "bob@@example.com"),
                        "to[2]",
                        "\"bob@@example.com\" is not a valid address"),
                invalid("bad cc", b -> b.cc("nope"), "cc[0]", "has no '@'"),
                invalid(
                        "bad bcc name",
                        b -> b.bcc("\"Eve\r\nBcc: x\" <eve@example.com>"),
                        "bcc[0]",
                        "a mailbox must not contain CR or LF"),
                invalid(
                        "bad reply-to",
                        b -> b.replyTo("ok@example.com", "x@-bad.example"),
                        "reply_to[1]",
                        "label \"-bad\" is not letters, digits and inner hyphens"),
                invalid("duplicate recipient", b -> b.cc("ada@EXAMPLE.com"), "cc[0]", "duplicates to[0]"),
                invalid(
                        "too many recipients",
                        b -> b.bcc(IntStream.range(0, 1000)
                                .mapToObj(i -> "r" + i + "@example.com")
                                .toArray(String[]::new)),
                        "to",
                        "at most 1000 recipients"),
                invalid("null subject", b -> b.subject(null), "subject", "is required"),
                invalid(
                        "crlf subject",
                        b -> b.subject("Hi\r\nBcc: eve@evil.example"),
                        "subject",
                        "must not contain CR or LF"),
                invalid("lf subject", b -> b.subject("Hi\nthere"), "subject", "must not contain CR or LF"),
                invalid(
                        "nul subject",
                        b -> b.subject("Hi\0"),
                        "subject",
                        "must not contain control characters (found U+0000)"),
                invalid(
                        "long subject",
                        b -> b.subject("s".repeat(999)),
                        "subject",
                        "at most 998 characters, but was 999"),
                invalid("no body", b -> b.text("").html(null), "text", "text or html is required"),
                invalid("bad header name", b -> b.header("X Custom", "v"), "headers.X Custom", "printable US-ASCII"),
                invalid("colon header name", b -> b.header("X-A:", "v"), "headers.X-A:", "without ':'"),
                invalid(
                        "long header name",
                        b -> b.header("X-" + "a".repeat(75), "v"),
                        "headers.X-" + "a".repeat(38) + "... (77 chars)",
                        "at most 76 characters"),
                invalid(
                        "crlf header value",
                        b -> b.header("X-Custom", "v\r\nBcc: eve@evil.example"),
                        "headers.X-Custom",
                        "must not contain CR or LF"),
                invalid("nul header value", b -> b.header("X-Custom", "v\0"), "headers.X-Custom", "control characters"),
                invalid(
                        "long header value",
                        b -> b.header("X-Custom", "v".repeat(999)),
                        "headers.X-Custom",
                        "at most 998 characters"),
                invalid("null header value", b -> b.header("X-Custom", null), "headers.X-Custom", "value is required"),
                invalid(
                        "header case duplicate",
                        b -> b.header("X-A", "1").header("x-a", "2"),
                        "headers.x-a",
                        "duplicates X-A"),
                invalid(
                        "reserved From",
                        b -> b.header("From", "x@example.com"),
                        "headers.From",
                        "reserved: use the from field"),
                invalid(
                        "reserved to",
                        b -> b.header("to", "x@example.com"),
                        "headers.to",
                        "reserved: use the to field"),
                invalid("reserved Cc", b -> b.header("CC", "x"), "headers.CC", "use the cc field"),
                invalid("reserved Bcc", b -> b.header("Bcc", "x"), "headers.Bcc", "use the bcc field"),
                invalid(
                        "reserved Reply-To",
                        b -> b.header("Reply-To", "x"),
                        "headers.Reply-To",
                        "use the reply_to field"),
                invalid("reserved Subject", b -> b.header("Subject", "x"), "headers.Subject", "use the subject field"),
                invalid("reserved Sender", b -> b.header("Sender", "x"), "headers.Sender", "reserved"),
                invalid("reserved Return-Path", b -> b.header("Return-Path", "x"), "headers.Return-Path", "reserved"),
                invalid(
                        "reserved MIME-Version",
                        b -> b.header("MIME-Version", "1.0"),
                        "headers.MIME-Version",
                        "reserved: Postern writes it"),
                invalid(
                        "reserved Content-Type",
                        b -> b.header("content-type", "text/plain"),
                        "headers.content-type",
                        "reserved"),
                invalid(
                        "reserved CTE",
                        b -> b.header("Content-Transfer-Encoding", "8bit"),
                        "headers.Content-Transfer-Encoding",
                        "reserved"),
                invalid("reserved Date", b -> b.header("Date", "x"), "headers.Date", "reserved"),
                invalid(
                        "reserved X-Postern-Id",
                        b -> b.header("x-postern-id", "x"),
                        "headers.x-postern-id",
                        "reserved"),
                invalid(
                        "provider-control X-SMTPAPI",
                        b -> b.header("X-SMTPAPI", "{}"),
                        "headers.X-SMTPAPI",
                        "provider"),
                invalid(
                        "provider-control X-Mailgun",
                        b -> b.header("x-mailgun-variables", "{}"),
                        "headers.x-mailgun-variables",
                        "provider"),
                invalid(
                        "provider-control X-SES",
                        b -> b.header("X-SES-CONFIGURATION-SET", "x"),
                        "headers.X-SES-CONFIGURATION-SET",
                        "provider"),
                invalid(
                        "provider-control X-MSYS-API",
                        b -> b.header("X-MSYS-API", "{}"),
                        "headers.X-MSYS-API",
                        "provider"),
                invalid(
                        "provider-control X-PM",
                        b -> b.header("X-PM-Message-Stream", "x"),
                        "headers.X-PM-Message-Stream",
                        "provider"),
                invalid(
                        "identity Resent-From",
                        b -> b.header("Resent-From", "x@y.example"),
                        "headers.Resent-From",
                        "Resent-"),
                invalid("too many tags", b -> tags(b, 11), "tags", "at most 10 allowed, but was 11"),
                invalid("blank tag", b -> b.tag("a").tag(" "), "tags[1]", "must not be blank"),
                invalid("long tag", b -> b.tag("t".repeat(129)), "tags[0]", "at most 128 characters"),
                invalid("control tag", b -> b.tag("a\tb"), "tags[0]", "control characters"),
                invalid(
                        "bad metadata key",
                        b -> b.metadata("order id", "1"),
                        "metadata.order id",
                        "must match [A-Za-z0-9_.-]{1,128}"),
                invalid("reserved metadata key", b -> b.metadata("postern_id", "1"), "metadata.postern_id", "reserved"),
                invalid(
                        "long metadata value",
                        b -> b.metadata("order_id", "v".repeat(1001)),
                        "metadata.order_id",
                        "at most 1000 characters"),
                invalid(
                        "crlf metadata value",
                        b -> b.metadata("order_id", "1\r\n2"),
                        "metadata.order_id",
                        "must not contain CR or LF"),
                invalid("too many metadata", b -> metadata(b, 51), "metadata", "at most 50 entries"),
                invalid(
                        "bad filename",
                        b -> b.attachment("../etc/passwd", "text/plain", new byte[1]),
                        "attachments[0].filename",
                        "must not contain '/'"),
                invalid(
                        "backslash filename",
                        b -> b.attachment("a\\b.txt", "text/plain", new byte[1]),
                        "attachments[0].filename",
                        "must not contain '/'"),
                invalid(
                        "crlf filename",
                        b -> b.attachment("a\r\n.txt", "text/plain", new byte[1]),
                        "attachments[0].filename",
                        "must not contain CR or LF"),
                invalid(
                        "blank filename",
                        b -> b.attachment(" ", "text/plain", new byte[1]),
                        "attachments[0].filename",
                        "is required"),
                invalid(
                        "long filename",
                        b -> b.attachment("f".repeat(256), "text/plain", new byte[1]),
                        "attachments[0].filename",
                        "at most 255 characters"),
                invalid(
                        "bad content type",
                        b -> b.attachment("a.txt", "text", new byte[1]),
                        "attachments[0].content_type",
                        "type/subtype"),
                invalid(
                        "crlf content type",
                        b -> b.attachment("a.txt", "text/plain\r\nX: y", new byte[1]),
                        "attachments[0].content_type",
                        "type/subtype"),
                invalid(
                        "null content",
                        b -> b.attachment("a.txt", "text/plain", null),
                        "attachments[0].content",
                        "is required"),
                invalid("too many attachments", b -> attachments(b, 101), "attachments", "at most 100 allowed"),
                invalid(
                        "too large",
                        b -> b.attachment("big.bin", "application/octet-stream", new byte[20 * 1024 * 1024]),
                        "attachments",
                        "at most 26214400 bytes encoded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEmails")
    void invalidInputIsRejectedNamingFieldAndRule(
            String description, UnaryOperator<Email.Builder> change, String field, String rule) {
        assertThatThrownBy(() -> change.apply(Emails.valid()).build())
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.problems()).hasSize(1))
                .satisfies(
                        e -> assertThat(e.getMessage()).startsWith(field + ": ").contains(rule));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        assertThatThrownBy(() -> Email.builder()
                        .from("Postern <noreply@postern.dev>")
                        .to("ada@example.com", "bob@@example.com")
                        .subject("Hi\r\nBcc: eve@evil.example")
                        .text("x")
                        .build())
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("to[1]"))
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo("to[1]: \"bob@@example.com\" is not a valid address: the local part has a character"
                                + " not allowed unquoted (e.g. space, '@', '\"', '(', ','); subject: must not contain CR"
                                + " or LF, but was \"Hi\\r\\nBcc: eve@evil.example\""));
    }

    @Test
    void unparsableRecipientDoesNotAlsoReportMissingRecipients() {
        assertThatThrownBy(() ->
                        Email.builder().from("x").to("y").subject("s").text("t").build())
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.problems())
                        .extracting(InvalidEmailException.Problem::field)
                        .containsExactly("from", "to[0]"));
    }

    @Test
    void hugeValuesAreTruncatedInMessages() {
        assertThatThrownBy(() -> Emails.valid().subject("x".repeat(5000)).build())
                .hasMessage("subject: must be at most 998 characters, but was 5000: \"" + "x".repeat(40)
                        + "\"... (5000 chars)");
    }

    @Test
    void crlfInSubjectIsRejectedNamingSubject() {
        assertThatThrownBy(() ->
                        Emails.valid().subject("Hi\r\nBcc: eve@evil.example").build())
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("subject"));
    }

    @Test
    void exactlyTheLimitsAreAccepted() {
        Email.Builder b = Emails.valid()
                .subject("s".repeat(998))
                .header("X-" + "a".repeat(74), "v".repeat(998))
                .html("<p>hi</p>")
                .metadata("k".repeat(128), "v".repeat(1000))
                .tracking(Tracking.ALL);
        tags(b, 10);
        metadata(b, 49);
        attachments(b, 100);
        b.bcc(IntStream.range(0, 999).mapToObj(i -> "r" + i + "@example.com").toArray(String[]::new));
        Email email = b.build();
        assertThat(email.allRecipients()).hasSize(1000);
        assertThat(email.tracking()).isEqualTo(Tracking.ALL);
    }

    @Test
    void namesAndHeadersThatOnlyResembleAddressesOrProviderControlAreAccepted() {
        Email email = Emails.valid()
                .from("\"Ada @ Home, ada@localhost\" <ada@example.com>")
                .header("X-SESSION", "1")
                .header("X-PMX-Version", "1")
                .header("X-Mailgunner", "1")
                .header("Resentment", "none")
                .build();
        assertThat(email.from().name()).isEqualTo("Ada @ Home, ada@localhost");
        assertThat(email.headers()).hasSize(4);
    }

    @Test
    void emptySubjectAndHtmlOnlyBodyAreAccepted() {
        Email email = Emails.valid().subject("").text(null).html("<p>hi</p>").build();
        assertThat(email.subject()).isEmpty();
        assertThat(email.text()).isNull();
    }

    @Test
    void sameLocalPartOnOtherDomainIsNotADuplicate() {
        assertThat(Emails.valid()
                        .cc("ada@example.org", "Ada@example.com")
                        .build()
                        .allRecipients())
                .hasSize(3);
    }

    @Test
    void sizeCountsBase64GrowthOfAttachments() {
        Email small = Emails.valid().build();
        Email withFile = Emails.valid()
                .attachment("a.bin", "application/octet-stream", new byte[3000])
                .build();
        // 3000 bytes -> 4000 base64 chars + CRLF per 76 chars
        assertThat(withFile.sizeBytes() - small.sizeBytes()).isGreaterThanOrEqualTo(4000 + 2 * 53);
    }

    private static Email.Builder tags(Email.Builder b, int n) {
        IntStream.range(0, n).forEach(i -> b.tag("tag" + i));
        return b;
    }

    private static Email.Builder metadata(Email.Builder b, int n) {
        IntStream.range(0, n).forEach(i -> b.metadata("key" + i, "v"));
        return b;
    }

    private static Email.Builder attachments(Email.Builder b, int n) {
        IntStream.range(0, n).forEach(i -> b.attachment("f" + i + ".txt", "text/plain; charset=utf-8", new byte[1]));
        return b;
    }

    private static Arguments invalid(
            String description, UnaryOperator<Email.Builder> change, String field, String rule) {
        return Arguments.of(description, change, field, rule);
    }
}
