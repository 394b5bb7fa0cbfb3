package dev.postern.sim.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.http.RequestSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a send form as Mailgun does. First the form becomes a JSON object, each field a string, or
 * an array of strings for the fields the spec types as arrays ({@code to}, {@code cc}, {@code bcc},
 * {@code attachment}, {@code inline}, {@code o:tag}) and for any other field that repeats; file
 * parts stand as their file names. That object is validated against the send operation's schema in
 * Mailgun's OpenAPI file (required {@code from}, {@code to}, {@code subject}; types; the enums of
 * {@code o:tracking*}, {@code o:dkim}, {@code o:testmode}, {@code t:text}, …). Then the documented
 * rules the schema cannot state. Answers Mailgun's one-message error, or empty when acceptable.
 */
final class MailgunRules {
    private static final RequestSchema SCHEMA = RequestSchema.load(
            "specs/mailgun/openapi.yaml",
            "/paths/~1v3~1{domain_name}~1messages/post/requestBody/content/multipart~1form-data/schema");
    private static final Set<String> ARRAYS = Set.of("to", "cc", "bcc", "attachment", "inline", "o:tag");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s.<>]+(\\.[^@\\s.<>]+)+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECIPIENTS = 1000;
    private static final int MAX_OPTIONS_BYTES = 16 * 1024;

    private MailgunRules() {}

    static Optional<String> problem(MailgunForm form) {
        List<String> violations = SCHEMA.violations(asJson(form));
        if (!violations.isEmpty()) {
            return Optional.of("Invalid parameters: " + String.join("; ", violations));
        }
        if (!ADDRESS.matcher(address(form.first("from"))).matches()) {
            return Optional.of("from parameter is not a valid address. please check documentation");
        }
        int recipients = 0;
        for (String field : List.of("to", "cc", "bcc")) {
            for (String mailbox : MailgunMessages.mailboxes(form.values(field))) {
                if (!ADDRESS.matcher(address(mailbox)).matches()) {
                    return Optional.of(field + " parameter is not a valid address. please check documentation");
                }
                recipients++;
            }
        }
        if (recipients > MAX_RECIPIENTS) {
            return Optional.of("Too many recipients, max is 1000");
        }
        if (Set.of("text", "html", "amp-html", "template").stream()
                .allMatch(f -> form.values(f).isEmpty())) {
            return Optional.of("Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified");
        }
        if (!form.values("html").isEmpty() && !form.values("template").isEmpty()) {
            return Optional.of("Only one parameters 'html' or 'template' is allowed.");
        }
        return options(form);
    }

    private static Optional<String> options(MailgunForm form) {
        int optionBytes = 0;
        for (MailgunForm.Part p : form.parts()) {
            if (p.filename() == null && p.name().matches("[ohvt]:.*")) {
                optionBytes += p.name().getBytes(StandardCharsets.UTF_8).length + p.content().length;
            }
        }
        if (optionBytes > MAX_OPTIONS_BYTES) {
            return Optional.of("Send options (parameters starting with o:, h:, or v:) are limited to 16KB total");
        }
        for (String json : List.of("recipient-variables", "t:variables")) {
            String value = form.first(json);
            if (value != null && !isJsonObject(value)) {
                return Optional.of(json + " parameter is not a valid JSON object");
            }
        }
        String at = form.first("o:deliverytime");
        if (at != null) {
            try {
                ZonedDateTime.parse(at, DateTimeFormatter.RFC_1123_DATE_TIME);
            } catch (DateTimeParseException e) {
                return Optional.of("o:deliverytime parameter is not a valid RFC-2822 date");
            }
        }
        return Optional.empty();
    }

    static ObjectNode asJson(MailgunForm form) {
        ObjectNode json = JSON.createObjectNode();
        for (MailgunForm.Part p : form.parts()) {
            String value = p.filename() == null ? p.text() : p.filename();
            JsonNode previous = json.get(p.name());
            if (previous == null && !ARRAYS.contains(p.name())) {
                json.put(p.name(), value);
            } else if (previous instanceof ArrayNode array) {
                array.add(value);
            } else {
                // array-typed fields, and single-valued fields that repeat (which the schema then refuses)
                ArrayNode array = json.putArray(p.name());
                if (previous != null) {
                    array.add(previous.asText());
                }
                array.add(value);
            }
        }
        return json;
    }

    private static boolean isJsonObject(String text) {
        try {
            return JSON.readTree(text).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** The address of {@code Name <a@b>} or a bare {@code a@b}. */
    private static String address(String mailbox) {
        if (mailbox == null) {
            return "";
        }
        String s = mailbox.strip();
        int open = s.lastIndexOf('<');
        return open >= 0 && s.endsWith(">")
                ? s.substring(open + 1, s.length() - 1).strip()
                : s;
    }
}
