package dev.postern.email;

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
        size += addresses(e.to()) + addresses(e.cc()) + addresses(e.bcc()) + addresses(e.replyTo());
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

    private static long addresses(List<Address> list) {
        long size = 0;
        for (Address a : list) {
            size += a == null ? 0 : text(a.toString()) + 2;
        }
        return size;
    }

    private static long body(String s) {
        if (s == null) {
            return 0;
        }
        long bytes = utf8Length(s);
        return bytes == s.length() ? bytes : base64(bytes);
    }

    private static long text(String s) {
        return s == null ? 0 : utf8Length(s);
    }

    /**
     * {@code s.getBytes(UTF_8).length}, counted without making the array: the estimate runs several
     * times per message (validation, each route's capability check, each attempt), so it allocates
     * nothing. An unpaired surrogate counts 1, as the encoder replaces it with '?'.
     */
    static long utf8Length(String s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Base64 grows 3 bytes to 4, plus CRLF after every 76 characters (RFC 2045 §6.8). */
    static long base64(long bytes) {
        long encoded = 4 * ((bytes + 2) / 3);
        return encoded + 2 * ((encoded + 75) / 76);
    }
}
