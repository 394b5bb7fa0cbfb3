package dev.postern.provider.smtp;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.UploadTime;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, told which stage the conversation is in. Angus exposes one protected
 * hook per step (EHLO, STARTTLS, MAIL, RCPT, DATA, the final dot), so the subclass records the
 * stage before each step runs; when a step throws, {@link #stage()} names the command whose reply
 * was awaited. That is how a lost answer after the final dot (ambiguous) is told from one before
 * it (nothing handed over) — Angus's exceptions alone do not say.
 *
 * <p>It also bounds each stage: reads wait at most {@code command} until the body starts, then
 * {@code data}, set as the TCP socket's read timeout (which a TLS socket layered on it obeys).
 * Writes have no socket timeout, so a watchdog closes the socket if the body and its final reply
 * take longer than {@code data} in total, plus {@link UploadTime} for the message's size.
 */
final class StagedTransport extends SMTPTransport {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("postern-smtp-watchdog").factory());

    private final Socket raw;
    private final SmtpTimeouts timeouts;
    private volatile SmtpStage stage = SmtpStage.GREETING;
    private ScheduledFuture<?> watchdog;
    private int messagesSent;
    private volatile AttemptContext attempt;
    private volatile Duration bodyAllowance = Duration.ZERO;

    /**
     * @param raw the connected TCP socket under any TLS layer, whose read timeout this class sets
     */
    StagedTransport(Session session, URLName url, boolean implicitTls, Socket raw, SmtpTimeouts timeouts) {
        super(session, url, "smtp", implicitTls);
        this.raw = raw;
        this.timeouts = timeouts;
    }

    /** The stage in progress, or the last one reached. */
    SmtpStage stage() {
        return stage;
    }

    /** How many messages this connection has delivered to the relay. */
    int messagesSent() {
        return messagesSent;
    }

    /**
     * The next message is about {@code bytes} long: its body and final reply may take {@link
     * UploadTime} for that on top of {@code data}, so a big message is not cut off for its size.
     */
    void expectBody(long bytes) {
        bodyAllowance = UploadTime.of(bytes);
    }

    /** Makes the next transaction start from the command timeout again (on reuse). */
    void readyForTransaction() throws SocketException {
        raw.setSoTimeout(millis(timeouts.command().toMillis()));
        stage = SmtpStage.AUTH;
    }

    /**
     * Reports the next transaction's progress to {@code attempt}, which may close this connection
     * to cancel it; the final dot is written only if the attempt agrees it is handed over.
     */
    void attempt(AttemptContext attempt) {
        this.attempt = attempt;
        attempt.onCancel(this::abort);
    }

    /** Closes the socket at once, without QUIT: for a conversation that went wrong. */
    void abort() {
        try {
            raw.close();
        } catch (IOException e) {
            // closing a broken socket can fail; it is closed either way
        }
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        stage = SmtpStage.EHLO;
        boolean ok = super.ehlo(domain);
        stage = SmtpStage.AUTH; // what follows is STARTTLS (its own stage) or AUTH
        return ok;
    }

    @Override
    protected void helo(String domain) throws MessagingException {
        // Angus falls back to HELO when EHLO fails; after 421 the relay has closed the channel.
        if (getLastReturnCode() == 421) {
            throw new MessagingException(getLastServerResponse());
        }
        stage = SmtpStage.EHLO;
        super.helo(domain);
        stage = SmtpStage.AUTH;
    }

    @Override
    protected void startTLS() throws MessagingException {
        stage = SmtpStage.STARTTLS;
        super.startTLS();
    }

    @Override
    protected void mailFrom() throws MessagingException {
        stage = SmtpStage.MAIL;
        AttemptContext current = attempt;
        if (current != null) {
            current.phase(AttemptPhase.SENDING);
        }
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        stage = SmtpStage.RCPT;
        super.rcptTo();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        stage = SmtpStage.DATA;
        OutputStream body = super.data();
        stage = SmtpStage.BODY;
        try {
            raw.setSoTimeout(millis(timeouts.data().toMillis()));
        } catch (SocketException e) {
            throw new MessagingException("cannot set the data timeout", e);
        }
        watchdog = WATCHDOG.schedule(
                this::abort, timeouts.data().plus(bodyAllowance).toMillis(), TimeUnit.MILLISECONDS);
        return body;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        AttemptContext current = attempt;
        if (current != null && !current.handedOver()) {
            // Cancelled (the provider is suspect): without the dot the relay never takes the message.
            abort();
            throw new MessagingException("attempt cancelled before the final dot");
        }
        // Set before the dot is written: if writing it fails, the relay may still have read it.
        stage = SmtpStage.AFTER_DOT;
        try {
            super.finishData();
            messagesSent++;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
                watchdog = null;
            }
        }
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}
