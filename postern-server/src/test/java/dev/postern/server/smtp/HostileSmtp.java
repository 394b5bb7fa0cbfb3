package dev.postern.server.smtp;

import dev.postern.sim.smtp.RawSmtp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded hostile SMTP sessions: well-formed commands in any order mixed with bare LF endings, NUL
 * bytes, random bytes, very long lines, huge headers and oversized parameters, password guessing,
 * command floods that hold a session without credentials and deeply nested MIME, pipelined and
 * ended by QUIT. The same seed always gives the same bytes.
 */
public final class HostileSmtp {
    private HostileSmtp() {}

    /** Up to 12 pieces of protocol, each well-formed or hostile, ending with QUIT. */
    public static byte[] session(Random r, String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0, n = 1 + r.nextInt(12); i < n; i++) {
            out.writeBytes(piece(r, user, password).getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("QUIT\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static String piece(Random r, String user, String password) {
        String end = r.nextInt(6) == 0 ? "\n" : "\r\n"; // bare LF now and then
        return switch (r.nextInt(21)) {
            case 0 -> "EHLO app.example" + end;
            case 1 -> "HELO " + "h".repeat(r.nextInt(2000)) + end;
            case 2 -> "MAIL FROM:<orders@shop.example>" + end;
            case 3 -> "RCPT TO:<ada@example.com>" + end;
            case 4 -> "DATA" + end;
            case 5 -> "AUTH PLAIN " + (r.nextBoolean() ? RawSmtp.plainToken(user, password) : "!!not base64!!") + end;
            case 6 -> "AUTH LOGIN" + end + "bm9ib2R5" + end + "*" + end; // then cancelled
            case 7 -> "RSET" + end;
            case 8 -> pick(r, "VRFY root", "EXPN staff", "BDAT 10 LAST", "TURN", "NOOP", "HELP", "STARTTLS") + end;
            case 9 -> "MAIL FROM:<orders@shop.example> SIZE=" + r.nextLong() + end;
            case 10 -> "RCPT TO:<" + "x".repeat(r.nextInt(600)) + "@example.com>" + end;
            case 11 -> garbage(r, r.nextInt(200)) + end;
            case 12 -> "NOOP " + "a".repeat(5_000 + r.nextInt(20_000)) + end; // a very long line
            case 13 -> "MAIL FROM:<orders@shop.example>\u0000RCPT TO:<evil@example.com>" + end;
            case 15, 16 -> // a whole well-formed transaction, which may land in any state the rest left
                "AUTH PLAIN " + RawSmtp.plainToken(user, password) + "\r\nMAIL FROM:<orders@shop.example>\r\n"
                        + "RCPT TO:<ada@example.com>\r\nDATA\r\nFrom: <orders@shop.example>\r\n"
                        + "To: <ada@example.com>\r\nSubject: s\r\n\r\nok\r\n.\r\n";
            case 14 -> "Subject: " + "z".repeat(1_000 + r.nextInt(100_000)) + "\r\n\r\nbody\r\n.\r\n"; // huge header
            case 17 -> // guessing the password at full speed
                ("AUTH PLAIN " + RawSmtp.plainToken(user, "guess-" + r.nextInt()) + "\r\n").repeat(20 + r.nextInt(180));
            case 18 -> "NOOP\r\n".repeat(50 + r.nextInt(450)); // holding a session without credentials
            case 19 -> // a nested multipart bomb in an authenticated transaction
                "AUTH PLAIN " + RawSmtp.plainToken(user, password) + "\r\nMAIL FROM:<orders@shop.example>\r\n"
                        + "RCPT TO:<ada@example.com>\r\nDATA\r\n" + MimeBomb.nested(33 + r.nextInt(2_000)) + ".\r\n";
            default ->
                "From: <orders@shop.example>\r\nTo: <a@example.com>\r\nSubject: s\r\n\r\n"
                        + (r.nextBoolean() ? "bare\nLF" : "ok") + "\r\n.\r\n";
        };
    }

    private static String garbage(Random r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) r.nextInt(256));
        }
        return s.toString();
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
