package dev.postern.email;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;

/**
 * Estimates the encoded MIME size of an {@link Email}: what a provider or SMTP server will count
 * against its limit. Deliberately pessimistic: non-ASCII text is counted as base64.
 */
final class SizeEstimate {
    /** Headers Postern and providers add (Date, Message-ID, MIME-Version, boundaries...). */
    private static final long ENVELOPE_OVERHEAD = 1024;

    /** MIME headers and boundary of one attachment part, besides its file name. */
    private static final long PART_OVERHEAD = 256;

    private SizeEstimate() {}

    static long of(Email e) {
        long size = ENVELOPE_OVERHEAD + text(e.subject()) + body(e.text()) + body(e.html());
        size += e.from() == null ? 0 : text(e.from().toString());
        for (var list : List.of(e.to(), e.cc(), e.bcc(), e.replyTo())) {
            for (Address a : list) {
                size += a == null ? 0 : text(a.toString()) + 2;
            }
        }
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            size += text(h.getKey()) + text(h.getValue()) + 4;
        }
        return size + attachments(e);
    }

    /** The field to blame when the message is too large: the biggest of text, html, attachments. */
    static String largestPart(Email e) {
        long text = body(e.text());
        long html = body(e.html());
        long attachments = attachments(e);
        if (attachments >= text && attachments >= html) {
            return "attachments";
        }
        return html >= text ? "html" : "text";
    }

    private static long attachments(Email e) {
        long size = 0;
        for (Attachment a : e.attachments()) {
            size += a == null ? 0 : PART_OVERHEAD + text(a.filename()) + base64(a.size());
        }
        return size;
    }

    private static long body(String s) {
        if (s == null) {
            return 0;
        }
        long bytes = s.getBytes(UTF_8).length;
        return bytes == s.length() ? bytes : base64(bytes);
    }

    private static long text(String s) {
        return s == null ? 0 : s.getBytes(UTF_8).length;
    }

    /** Base64 grows 3 bytes to 4, plus CRLF after every 76 characters (RFC 2045 §6.8). */
    static long base64(long bytes) {
        long encoded = 4 * ((bytes + 2) / 3);
        return encoded + 2 * ((encoded + 75) / 76);
    }
}
