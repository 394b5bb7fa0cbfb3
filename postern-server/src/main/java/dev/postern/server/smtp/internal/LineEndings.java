package dev.postern.server.smtp.internal;

import java.util.Optional;

/**
 * SMTP carries lines ended by CRLF only (RFC 5321 §2.3.8). A bare CR or LF is where header
 * injection and SMTP smuggling hide: parsers disagree on whether it ends a line, so a message
 * that holds one could mean one thing here and another to the provider that receives the raw
 * MIME. Such a message is refused, not repaired, since the raw bytes are kept as received.
 */
final class LineEndings {
    private LineEndings() {}

    /** Where the first bare CR or LF is, or empty when every line ends with CRLF. */
    static Optional<String> problem(byte[] mime) {
        int line = 1;
        for (int i = 0; i < mime.length; i++) {
            byte b = mime[i];
            if (b == '\r') {
                if (i + 1 >= mime.length || mime[i + 1] != '\n') {
                    return Optional.of("bare CR in line " + line);
                }
                i++;
                line++;
            } else if (b == '\n') {
                return Optional.of("bare LF in line " + line);
            } else if (b == 0) {
                return Optional.of("NUL byte in line " + line);
            }
        }
        return Optional.empty();
    }
}
