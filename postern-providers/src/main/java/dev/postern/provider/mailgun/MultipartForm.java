package dev.postern.provider.mailgun;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code multipart/form-data} body (RFC 7578) built by hand: text fields and file parts, names
 * and file names in UTF-8 with {@code "}, CR and LF percent-escaped as browsers do. The boundary is
 * random and checked against every part, so no content can end a part early.
 */
final class MultipartForm {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BOUNDARY_CHARS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private record Part(String name, String filename, String contentType, byte[] content) {}

    private final List<Part> parts = new ArrayList<>();

    MultipartForm field(String name, String value) {
        parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    MultipartForm file(String name, String filename, String contentType, byte[] content) {
        parts.add(new Part(name, filename, contentType, content));
        return this;
    }

    /** The encoded form, with the boundary its content type must name. */
    record Encoded(String contentType, byte[] body) {}

    Encoded encode() {
        String boundary = boundary();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            head.append("Content-Disposition: form-data; name=\"")
                    .append(escape(part.name()))
                    .append('"');
            if (part.filename() != null) {
                head.append("; filename=\"").append(escape(part.filename())).append('"');
                head.append("\r\nContent-Type: ").append(part.contentType());
            }
            head.append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Encoded("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private String boundary() {
        while (true) {
            StringBuilder b = new StringBuilder("postern-");
            for (int i = 0; i < 32; i++) {
                b.append(BOUNDARY_CHARS[RANDOM.nextInt(BOUNDARY_CHARS.length)]);
            }
            byte[] candidate = b.toString().getBytes(StandardCharsets.US_ASCII);
            if (parts.stream().noneMatch(p -> contains(p.content(), candidate))) {
                return b.toString();
            }
        }
    }

    /** WHATWG HTML's escaping of form-data names: the quote and line breaks only. */
    private static String escape(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
