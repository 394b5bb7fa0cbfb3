package dev.postern.email;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rules for caller-given headers: RFC 5322 field names, single-line values, no header that has its
 * own {@link Email} field or that Postern writes itself, and no header a provider reads as an
 * instruction or that claims another identity ({@code X-SMTPAPI}, {@code X-Mailgun-*}, {@code
 * Resent-*}, ...).
 */
final class HeaderRules {
    /** Lower-cased reserved name to the advice given instead. */
    private static final Map<String, String> RESERVED = Map.ofEntries(
            Map.entry("from", "use the from field"),
            Map.entry("to", "use the to field"),
            Map.entry("cc", "use the cc field"),
            Map.entry("bcc", "use the bcc field"),
            Map.entry("reply-to", "use the reply_to field"),
            Map.entry("subject", "use the subject field"),
            Map.entry("sender", "Postern derives it from the from field"),
            Map.entry("return-path", "the sending provider sets it"),
            Map.entry("mime-version", "Postern writes it"),
            Map.entry("content-type", "Postern writes it from text, html and attachments"),
            Map.entry("content-transfer-encoding", "Postern writes it from text, html and attachments"),
            Map.entry("date", "Postern writes it at send time"),
            Map.entry("x-postern-id", "Postern writes it to correlate attempts"));

    /**
     * Lower-cased name prefixes a provider obeys (SendGrid, Mailgun, SES, SparkPost, Postmark) or
     * that re-state the sender (RFC 5322 §3.6.6), to the advice given instead.
     */
    private static final Map<String, String> PROVIDER_CONTROL = Map.of(
            "x-smtpapi", "it is a SendGrid instruction; Postern chooses the provider and its settings",
            "x-mailgun-", "it is a Mailgun instruction; Postern chooses the provider and its settings",
            "x-ses-", "it is an Amazon SES instruction; Postern chooses the provider and its settings",
            "x-msys-api", "it is a SparkPost instruction; Postern chooses the provider and its settings",
            "x-pm-", "it is a Postmark instruction; Postern chooses the provider and its settings",
            "resent-", "Resent-* fields claim a resending identity; use the from field");

    private HeaderRules() {}

    static void check(Map<String, String> headers, Problems p) {
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String field = "headers." + Text.fieldKey(name);
            String nameProblem = nameProblem(name);
            if (nameProblem != null) {
                p.add(field, nameProblem);
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String earlier = seen.putIfAbsent(lower, name);
            if (earlier != null) {
                p.add(field, "header names are case-insensitive; this duplicates " + earlier);
            }
            valueProblem(header.getValue(), field, p);
        }
    }

    private static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a header name is required";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return "a header name must be printable US-ASCII without ':' or spaces (RFC 5322), but was "
                        + Text.show(name);
            }
        }
        if (name.length() > EmailLimits.MAX_HEADER_NAME_LENGTH) {
            return Text.tooLong(EmailLimits.MAX_HEADER_NAME_LENGTH, name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String advice = RESERVED.get(lower);
        if (advice != null) {
            return "the " + name + " header is reserved: " + advice;
        }
        for (Map.Entry<String, String> control : PROVIDER_CONTROL.entrySet()) {
            // entries ending in '-' are families; the others are one exact name
            String prefix = control.getKey();
            if (prefix.endsWith("-") ? lower.startsWith(prefix) : lower.equals(prefix)) {
                return "the " + name + " header is refused from clients as provider-control or identity: "
                        + control.getValue();
            }
        }
        return null;
    }

    private static void valueProblem(String value, String field, Problems p) {
        if (value == null) {
            p.add(field, "a header value is required (may be empty)");
            return;
        }
        String problem = Text.lineOrControlProblem(value, true);
        if (problem != null) {
            p.add(field, problem);
        } else if (value.length() > EmailLimits.MAX_HEADER_VALUE_LENGTH) {
            p.add(field, Text.tooLong(EmailLimits.MAX_HEADER_VALUE_LENGTH, value));
        }
    }
}
