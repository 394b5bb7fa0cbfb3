package dev.postern.provider.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What went wrong in an SMTP conversation, read from Angus's exception: the stage, the reply code
 * ({@code -1} when no usable reply came) and the reply or a description of the I/O failure.
 */
final class SmtpFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SmtpStage stage;
    private final int code;
    private final String reply;

    SmtpFailure(SmtpStage stage, int code, String reply) {
        super(SmtpClassifier.detail(stage, code, reply), null, false, false);
        this.stage = stage;
        this.code = code;
        this.reply = reply;
    }

    SmtpStage stage() {
        return stage;
    }

    int code() {
        return code;
    }

    String reply() {
        return reply;
    }

    /** True when the relay did not answer at all (timeout, closed connection, unreadable line). */
    boolean noReply() {
        return code < 0;
    }

    /** Reads Angus's exception; the SMTP-specific ones carry the code, else the transport's last reply. */
    static SmtpFailure of(MessagingException e, StagedTransport transport) {
        SmtpStage stage = transport.stage();
        for (Throwable t = e; t != null; t = next(t)) {
            switch (t) {
                case SMTPAddressFailedException a -> {
                    return new SmtpFailure(stage, a.getReturnCode(), a.getMessage());
                }
                case SMTPSenderFailedException s -> {
                    return new SmtpFailure(stage, s.getReturnCode(), s.getMessage());
                }
                case SMTPSendFailedException f -> {
                    return new SmtpFailure(stage, f.getReturnCode(), f.getMessage());
                }
                case IOException io -> {
                    return new SmtpFailure(stage, -1, describe(io));
                }
                default -> {
                    // look further down the chain
                }
            }
        }
        if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
            return new SmtpFailure(
                    SmtpStage.STARTTLS, -1, "the relay does not offer STARTTLS, which tls: starttls requires");
        }
        if (e instanceof AuthenticationFailedException) {
            stage = SmtpStage.AUTH;
        }
        return new SmtpFailure(stage, transport.getLastReturnCode(), transport.getLastServerResponse());
    }

    /** An I/O failure outside Angus (connect, implicit TLS handshake). */
    static SmtpFailure of(IOException e, SmtpStage stage) {
        return new SmtpFailure(stage, -1, describe(e));
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no reply in time";
        }
        if (e instanceof SSLException) {
            return "TLS failure: " + e.getMessage();
        }
        return "connection failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
