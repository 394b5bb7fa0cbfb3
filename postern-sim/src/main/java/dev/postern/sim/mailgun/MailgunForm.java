package dev.postern.sim.mailgun;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code multipart/form-data} body (RFC 7578) read with jakarta.mail: every part in order, as a
 * text field or a file. Names and file names are read as UTF-8, with browsers' {@code %22}, {@code
 * %0D}, {@code %0A} escapes undone.
 */
record MailgunForm(List<Part> parts) {

    /** One form part; {@code filename} is null for a plain field. */
    record Part(String name, String filename, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Thrown when the body is not a well-formed form; the message says why. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static MailgunForm parse(String contentTypeHeader, byte[] body) throws Malformed {
        try {
            String boundary = new ContentType(contentTypeHeader).getParameter("boundary");
            if (boundary == null || boundary.isEmpty()) {
                throw new Malformed("multipart/form-data without a boundary");
            }
            // jakarta.mail forgives a missing closing boundary; a real form parser does not.
            String text = new String(body, StandardCharsets.ISO_8859_1);
            if (!text.contains("--" + boundary + "--")) {
                throw new Malformed("multipart/form-data without its closing boundary");
            }
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentTypeHeader));
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                parts.add(part(multipart.getBodyPart(i)));
            }
            return new MailgunForm(parts);
        } catch (MessagingException | IOException e) {
            throw new Malformed("malformed multipart/form-data: " + e.getMessage());
        }
    }

    private static Part part(BodyPart part) throws MessagingException, IOException, Malformed {
        String[] disposition = part.getHeader("Content-Disposition");
        if (disposition == null || disposition.length == 0) {
            throw new Malformed("a form part without Content-Disposition");
        }
        ContentDisposition cd;
        try {
            cd = new ContentDisposition(utf8(disposition[0]));
        } catch (ParseException e) {
            throw new Malformed("unreadable Content-Disposition: " + e.getMessage());
        }
        String name = cd.getParameter("name");
        if (!"form-data".equalsIgnoreCase(cd.getDisposition()) || name == null) {
            throw new Malformed("a form part must be 'form-data' with a name");
        }
        String filename = cd.getParameter("filename");
        String[] type = part.getHeader("Content-Type");
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        return new Part(
                unescape(name),
                filename == null ? null : unescape(filename),
                type == null ? "application/octet-stream" : type[0],
                content);
    }

    /** jakarta.mail reads header bytes as ISO-8859-1; form-data headers are UTF-8. */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }

    List<String> values(String name) {
        return parts.stream()
                .filter(p -> p.name().equals(name) && p.filename() == null)
                .map(Part::text)
                .toList();
    }

    String first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.getFirst();
    }
}
