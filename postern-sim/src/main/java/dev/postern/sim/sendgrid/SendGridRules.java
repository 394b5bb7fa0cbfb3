package dev.postern.sim.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SendGrid's documented rules for a mail send that its JSON schema does not state (SendGrid docs:
 * Mail Send reference, its errors page and its limitations page). Input has passed the schema.
 */
final class SendGridRules {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "x-sg-id",
            "x-sg-eid",
            "received",
            "dkim-signature",
            "content-type",
            "content-transfer-encoding",
            "to",
            "from",
            "subject",
            "reply-to",
            "cc",
            "bcc");
    private static final int MAX_RECIPIENTS = 1000;
    private static final int MAX_CUSTOM_ARGS_BYTES = 10_000;

    private SendGridRules() {}

    static List<SendGridError> check(JsonNode body) {
        List<SendGridError> errors = new ArrayList<>();
        address(body.path("from"), "from", errors);
        if (!body.path("from").path("email").asText("").chars().allMatch(c -> c < 128)) {
            errors.add(new SendGridError("Unicode is not supported in the from email address.", "from.email", null));
        }
        recipients(body.path("personalizations"), errors);
        if (body.has("reply_to") && body.has("reply_to_list")) {
            errors.add(new SendGridError("reply_to and reply_to_list cannot be used together.", "reply_to", null));
        }
        address(body.path("reply_to"), "reply_to", errors);
        content(body, errors);
        subject(body, errors);
        attachments(body.path("attachments"), errors);
        body.path("headers").properties().forEach(header -> {
            String name = header.getKey();
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new SendGridError("The header " + name + " may not be set.", "headers", null));
            }
        });
        return errors;
    }

    private static void recipients(JsonNode personalizations, List<SendGridError> errors) {
        int total = 0;
        for (int i = 0; i < personalizations.size(); i++) {
            JsonNode p = personalizations.get(i);
            if (p.path("to").isEmpty()) {
                errors.add(new SendGridError(
                        "The to array is required for all personalization objects, and must have at least one"
                                + " email object with a valid email address.",
                        "personalizations." + i + ".to",
                        null));
            }
            for (String kind : List.of("to", "cc", "bcc")) {
                JsonNode list = p.path(kind);
                for (int j = 0; j < list.size(); j++) {
                    String field = "personalizations." + i + "." + kind + "." + j;
                    address(list.get(j), field, errors);
                    if (list.get(j).path("name").asText("").matches(".*[,;].*")) {
                        errors.add(new SendGridError("The name may not contain ';' or ','.", field + ".name", null));
                    }
                    total++;
                }
            }
            JsonNode args = p.path("custom_args");
            if (args.toString().getBytes(StandardCharsets.UTF_8).length >= MAX_CUSTOM_ARGS_BYTES) {
                errors.add(new SendGridError("custom_args must total less than 10,000 bytes.", "custom_args", null));
            }
        }
        if (total > MAX_RECIPIENTS) {
            errors.add(new SendGridError(
                    "The total number of recipients must be no more than 1000.", "personalizations", null));
        }
    }

    private static void address(JsonNode mailbox, String field, List<SendGridError> errors) {
        if (!mailbox.isMissingNode()
                && !ADDRESS.matcher(mailbox.path("email").asText("")).matches()) {
            errors.add(new SendGridError("Does not contain a valid address.", field + ".email", null));
        }
    }

    private static void content(JsonNode body, List<SendGridError> errors) {
        JsonNode content = body.path("content");
        if (content.isEmpty() && !body.has("template_id")) {
            errors.add(new SendGridError(
                    "Unless a valid template_id is provided, the content parameter is required.", "content", null));
        }
        int html = -1;
        for (int i = 0; i < content.size(); i++) {
            String type = content.get(i).path("type").asText();
            if (type.equals("text/html") && html < 0) {
                html = i;
            }
            if (type.equals("text/plain") && html >= 0) {
                errors.add(new SendGridError(
                        "If present, text/plain must be first, followed by text/html.", "content." + i, null));
            }
        }
    }

    private static void subject(JsonNode body, List<SendGridError> errors) {
        boolean everyPersonalizationHasOne = true;
        for (JsonNode p : body.path("personalizations")) {
            everyPersonalizationHasOne &= p.hasNonNull("subject");
        }
        if (!body.hasNonNull("subject") && !everyPersonalizationHasOne && !body.has("template_id")) {
            errors.add(new SendGridError(
                    "The subject is required. You can get around this requirement if you use a template with a"
                            + " subject defined or if every personalization has a subject defined.",
                    "subject",
                    null));
        }
    }

    private static void attachments(JsonNode attachments, List<SendGridError> errors) {
        for (int i = 0; i < attachments.size(); i++) {
            try {
                Base64.getDecoder().decode(attachments.get(i).path("content").asText(""));
            } catch (IllegalArgumentException e) {
                errors.add(new SendGridError(
                        "The attachment content must be base64 encoded.", "attachments." + i + ".content", null));
            }
        }
    }
}
