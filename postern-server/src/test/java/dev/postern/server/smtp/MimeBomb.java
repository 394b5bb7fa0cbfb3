package dev.postern.server.smtp;

/**
 * Messages of multiparts nested inside each other, one text part at the bottom, CRLF line endings.
 * Each level costs 83 bytes, so 10,000 levels make the ~830 KB message that once took 13.7 s of CPU
 * and ended in a {@code StackOverflowError}.
 */
public final class MimeBomb {
    private MimeBomb() {}

    /** A message from orders@shop.example to ada@example.com whose multiparts nest {@code depth} deep. */
    public static String nested(int depth) {
        StringBuilder m = new StringBuilder(depth * 83 + 200);
        m.append("From: <orders@shop.example>\r\nTo: <ada@example.com>\r\nSubject: nested ")
                .append(depth)
                .append("\r\nMIME-Version: 1.0\r\n");
        for (int level = 1; level <= depth; level++) {
            if (level > 1) {
                m.append("--").append(boundary(level - 1)).append("\r\n");
            }
            m.append("Content-Type: multipart/mixed; boundary=\"")
                    .append(boundary(level))
                    .append("\"\r\n\r\n");
        }
        m.append("--").append(boundary(depth)).append("\r\nContent-Type: text/plain\r\n\r\nat the bottom\r\n");
        for (int level = depth; level >= 1; level--) {
            m.append("--").append(boundary(level)).append("--\r\n");
        }
        return m.toString();
    }

    private static String boundary(int level) {
        return String.format("b%08d", level);
    }
}
