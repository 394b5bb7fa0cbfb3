package dev.postern.email;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file attached to an {@link Email}, or an inline part (an image referenced from the HTML as
 * {@code cid:<contentId>}). Immutable: the content is copied in and out. Constructing one validates
 * it and throws {@link InvalidEmailException} naming {@code filename}, {@code content_type}, {@code
 * content} or {@code content_id}.
 *
 * @param filename required; no path separators, CR, LF or control characters; ≤ 255 chars
 * @param contentType a MIME type {@code type/subtype} of RFC 2045 tokens, parameters allowed
 * @param content the bytes; required, may be empty
 * @param contentId the Content-ID for inline parts, or {@code null} for a plain attachment
 */
public record Attachment(String filename, String contentType, byte[] content, String contentId) {
    public Attachment {
        content = content == null ? null : content.clone();
        Problems problems = new Problems();
        AttachmentRules.check(filename, contentType, content, contentId, problems);
        problems.throwIfAny();
    }

    /** A plain (not inline) attachment. */
    public static Attachment of(String filename, String contentType, byte[] content) {
        return new Attachment(filename, contentType, content, null);
    }

    /** A copy of the content. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The size of the content in bytes, without copying it. */
    public int size() {
        return content.length;
    }

    /** Whether this is an inline part (it has a Content-ID). */
    public boolean inline() {
        return contentId != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a
                && filename.equals(a.filename)
                && contentType.equals(a.contentType)
                && Arrays.equals(content, a.content)
                && Objects.equals(contentId, a.contentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, Arrays.hashCode(content), contentId);
    }

    @Override
    public String toString() {
        return "Attachment[filename=%s, contentType=%s, size=%d bytes%s]"
                .formatted(filename, contentType, content.length, contentId == null ? "" : ", contentId=" + contentId);
    }
}
