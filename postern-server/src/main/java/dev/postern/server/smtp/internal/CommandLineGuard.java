package dev.postern.server.smtp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's bytes as SMTP commands: every line must end with CRLF (RFC 5321 §2.3.8). The bytes
 * before a bare LF are passed on, so commands pipelined ahead of it are still answered in order;
 * then the client gets {@code 500 5.5.2 line must end with CRLF} and the stream ends, which closes
 * the session. Paused while message data is read and once TLS starts.
 */
final class CommandLineGuard extends FilterInputStream {
    static final String REPLY = "500 5.5.2 line must end with CRLF";

    private final OutputStream replies;
    private volatile boolean checking = true;
    private boolean afterCr;
    private boolean bareLf;
    private boolean answered;

    CommandLineGuard(InputStream in, OutputStream replies) {
        super(in);
        this.replies = replies;
    }

    void pause() {
        checking = false;
    }

    void resume() {
        afterCr = false; // the data ended with CRLF; the next byte starts a command line
        checking = true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (bareLf) {
            return answerAndEnd();
        }
        int n = in.read(b, off, len);
        if (n <= 0 || !checking) {
            return n;
        }
        for (int i = 0; i < n; i++) {
            byte c = b[off + i];
            if (c == '\n' && !afterCr) {
                bareLf = true;
                // the bytes before it first, so that the commands they finish are answered before the 500
                return i > 0 ? i : answerAndEnd();
            }
            afterCr = c == '\r';
        }
        return n;
    }

    private int answerAndEnd() throws IOException {
        if (!answered) {
            answered = true;
            replies.write((REPLY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            replies.flush();
        }
        return -1;
    }
}
