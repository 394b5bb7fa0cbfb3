package dev.postern.server.smtp.internal;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;

/**
 * An SMTP refusal: a reply code and its text, which starts with the enhanced status code (RFC
 * 3463). Every refusal the relay makes is one of the constants here or built by a hook, so the
 * replies docs/smtp.md lists are the ones in this file.
 */
public record Reply(int code, String text) {
    /** Longest reply text sent; a problem list longer than this is cut, the first problems kept. */
    private static final int MAX_TEXT = 480;

    public static final Reply AUTH_REQUIRED = new Reply(530, "5.7.0 Authentication required");
    public static final Reply AUTH_REQUIRED_AFTER_STARTTLS =
            new Reply(530, "5.7.0 Authentication required; issue STARTTLS, then AUTH");
    public static final Reply ENCRYPTION_REQUIRED =
            new Reply(538, "5.7.11 Encryption required for requested authentication mechanism; issue STARTTLS first");
    public static final Reply BAD_CREDENTIALS = new Reply(535, "5.7.8 Authentication credentials invalid");
    /** AUTH from an address blocked by {@code AuthThrottle}; the connection closes. */
    public static final Reply AUTH_BLOCKED =
            new Reply(421, "4.7.0 Too many failed authentications from your address; closing, try again later");

    public static final Reply TOO_MANY_RECIPIENTS = new Reply(452, "4.5.3 Too many recipients");
    public static final Reply STORE_UNAVAILABLE =
            new Reply(451, "4.3.0 The message could not be stored; try again later");
    public static final Reply OUTBOX_FULL =
            new Reply(452, "4.3.1 Insufficient system storage: the outbox is full; try again later");
    public static final Reply SHUTTING_DOWN =
            new Reply(421, "4.3.2 Service shutting down, closing transmission channel");
    public static final Reply TOO_COMPLEX =
            new Reply(554, "5.6.0 Message refused: its structure is too deeply nested to process");
    public static final Reply OUT_OF_MEMORY =
            new Reply(452, "4.3.1 Insufficient system resources to process the message now; try again later");
    public static final Reply LOCAL_ERROR = new Reply(451, "4.3.0 Local error in processing; try again later");
    public static final Reply TOO_MANY_CONNECTIONS =
            new Reply(421, "4.7.0 Too many connections from your address; try again later");
    public static final Reply CONNECTION_RATE =
            new Reply(421, "4.7.0 Too many connections from your address this minute; try again later");
    public static final Reply ANONYMOUS_TIMEOUT = new Reply(421, "4.7.0 Not authenticated in time; closing connection");
    public static final Reply ANONYMOUS_COMMANDS =
            new Reply(421, "4.7.0 Too many commands without authentication; closing connection");
    public static final Reply ANONYMOUS_DISPLACED =
            new Reply(421, "4.7.0 Too many clients waiting to authenticate; closing the longest waiting");

    public Reply {
        // a reply is one line: whatever a problem quotes must not start another
        text = text.replaceAll("[\\r\\n\\x00-\\x1f\\x7f]+", " ");
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 3) + "...";
        }
    }

    public static Reply messageTooBig(long max) {
        return new Reply(552, "5.3.4 Message size exceeds fixed maximum message size of " + max + " bytes");
    }

    /** AUTH from an address that must wait after failed authentications (RFC 4954's temporary failure). */
    public static Reply authWait(java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Reply(
                454,
                "4.7.0 Temporary authentication failure: too many failed attempts from your address; try again in "
                        + seconds + " s");
    }

    /** The exception SubEthaSMTP turns into this reply; a 421 also closes the connection. */
    public RejectException exception() {
        return code == 421 ? new DropConnectionException(code, text) : new RejectException(code, text);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
