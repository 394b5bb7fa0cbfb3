package dev.postern.sim.resend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import dev.postern.sim.http.RequestSchema;
import dev.postern.sim.http.SimResponse;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /emails} body as Resend does: first the OpenAPI schema of the operation,
 * then the rules its documentation states only in prose (tag characters, 50 recipients, a body,
 * Base64 attachment content, well-formed addresses). The first problem found is answered in
 * Resend's error shape.
 */
final class ResendSendCheck {
    private static final RequestSchema SCHEMA = RequestSchema.load(
            "specs/resend/resend.yaml", "/paths/~1emails/post/requestBody/content/application~1json/schema");

    /** "ASCII letters, numbers, underscores, or dashes", at most 256 characters (Tag's description). */
    private static final Pattern TAG_TEXT = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private ResendSendCheck() {}

    /** Resend's answer to a bad body, or empty when it would be accepted. */
    static Optional<SimResponse> problem(JsonNode body) {
        if (!body.isObject()) {
            return bad(400, "validation_error", "The request body must be a JSON object.");
        }
        for (String field : List.of("from", "to", "subject")) {
            if (!body.hasNonNull(field)) {
                return bad(422, "missing_required_field", "Missing `" + field + "` field.");
            }
        }
        List<String> violations = SCHEMA.violations(body);
        if (!violations.isEmpty()) {
            return bad(400, "validation_error", String.join("; ", violations));
        }
        if (!mailbox(body.get("from").asText())) {
            return bad(
                    422,
                    "invalid_from_address",
                    "Invalid `from` field. The email address needs to follow the `email@example.com` or "
                            + "`Name <email@example.com>` format.");
        }
        for (String field : List.of("to", "cc", "bcc", "reply_to")) {
            for (String mailbox : ResendMessages.addresses(body.get(field))) {
                if (!mailbox(mailbox)) {
                    return bad(
                            422,
                            "validation_error",
                            "Invalid `" + field + "` field. The email address needs to follow the "
                                    + "`email@example.com` or `Name <email@example.com>` format.");
                }
            }
        }
        if (ResendMessages.addresses(body.get("to")).size() > 50) {
            return bad(422, "validation_error", "Too many recipients in `to`: the maximum is 50.");
        }
        if (!body.hasNonNull("html") && !body.hasNonNull("text") && !body.hasNonNull("template")) {
            return bad(422, "missing_required_field", "Missing `html` or `text` field.");
        }
        return attachmentProblem(body.path("attachments")).or(() -> tagProblem(body.path("tags")));
    }

    private static Optional<SimResponse> attachmentProblem(JsonNode attachments) {
        for (JsonNode attachment : attachments) {
            boolean hasContent = attachment.hasNonNull("content");
            if (!hasContent && !attachment.hasNonNull("path")) {
                return bad(422, "invalid_attachment", "Attachment must have either a `content` or `path`.");
            }
            if (hasContent && !base64(attachment.get("content").asText())) {
                return bad(422, "invalid_attachment", "Attachment `content` must be Base64-encoded.");
            }
        }
        return Optional.empty();
    }

    private static Optional<SimResponse> tagProblem(JsonNode tags) {
        for (JsonNode tag : tags) {
            for (String part : List.of("name", "value")) {
                if (!TAG_TEXT.matcher(tag.path(part).asText()).matches()) {
                    return bad(
                            422,
                            "validation_error",
                            "Tags should only contain ASCII letters, numbers, underscores, or dashes, "
                                    + "and at most 256 characters: `" + part + "` was '"
                                    + tag.path(part).asText()
                                    + "'.");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean mailbox(String text) {
        try {
            Address.parse(text);
            return true;
        } catch (InvalidEmailException e) {
            return false;
        }
    }

    private static boolean base64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<SimResponse> bad(int status, String name, String message) {
        return Optional.of(ResendSimulator.error(status, name, message));
    }
}
