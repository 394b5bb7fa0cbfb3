package dev.postern.email;

import java.util.regex.Pattern;

/** The rules {@link Attachment} enforces, reported under the attachment's JSON field names. */
final class AttachmentRules {
    private static final String TOKEN = "[!#$%&'*+\\-.^_`{|}~0-9A-Za-z]+";
    private static final String QUOTED = "\"(?:[^\"\\\\\\p{Cntrl}]|\\\\[^\\p{Cntrl}])*\"";

    /** RFC 2045 {@code type/subtype *(; attribute=value)}, value a token or a quoted string. */
    private static final Pattern CONTENT_TYPE =
            Pattern.compile(TOKEN + "/" + TOKEN + "(?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))*");

    private AttachmentRules() {}

    static void check(String filename, String contentType, byte[] content, String contentId, Problems p) {
        if (filename == null || filename.isBlank()) {
            p.add("filename", "is required and must not be blank, but was " + Text.show(filename));
        } else {
            String problem = Text.lineOrControlProblem(filename, false);
            if (problem != null) {
                p.add("filename", problem);
            } else if (filename.indexOf('/') >= 0 || filename.indexOf('\\') >= 0) {
                p.add("filename", "must not contain '/' or '\\' (a name, not a path), but was " + Text.show(filename));
            } else if (filename.length() > EmailLimits.MAX_FILENAME_LENGTH) {
                p.add("filename", Text.tooLong(EmailLimits.MAX_FILENAME_LENGTH, filename));
            }
        }
        if (contentType == null) {
            p.add("content_type", "is required, e.g. \"application/pdf\"");
        } else if (!CONTENT_TYPE.matcher(contentType).matches()) {
            p.add("content_type", "must be a MIME type type/subtype (RFC 2045), but was " + Text.show(contentType));
        }
        if (content == null) {
            p.add("content", "is required (may be empty)");
        }
        if (contentId != null) {
            String problem = Text.lineOrControlProblem(contentId, false);
            if (problem != null) {
                p.add("content_id", problem);
            } else if (contentId.isBlank() || contentId.matches(".*[\\s<>].*")) {
                p.add("content_id", "must be non-blank without spaces or '<' '>', but was " + Text.show(contentId));
            } else if (contentId.length() > EmailLimits.MAX_CONTENT_ID_LENGTH) {
                p.add("content_id", Text.tooLong(EmailLimits.MAX_CONTENT_ID_LENGTH, contentId));
            }
        }
    }
}
