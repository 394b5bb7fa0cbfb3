package dev.postern.provider.smtp;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.SocketException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Sends through an SMTP relay with Angus Mail. The provider message id of an accepted message is
 * the Message-ID Postern set ({@code <id@sender-domain>}), the one thing every relay keeps and the
 * same for every attempt, so duplicates can be collapsed. Postern's id also travels in {@code
 * X-Postern-Id}. Failures are classified by stage and reply ({@link SmtpClassifier}). Recipients
 * the relay refuses at {@code RCPT TO} are refused one by one ({@link RecipientAnswers}); the
 * message goes to the others.
 */
final class SmtpProvider implements Provider, AutoCloseable {
    /** RFC 5321 §4.5.3.1.8: every relay must take at least 100 recipients per message. */
    private static final int MAX_RECIPIENTS = 100;

    /** 25 MiB, the common relay limit (SendGrid, Mailgun, Postmark take less or about this). */
    private static final long MAX_MESSAGE_BYTES = 26_214_400L;

    /**
     * Plain SMTP has no tracking, tags or metadata field; Postern's id rides in the X-Postern-Id
     * header instead.
     */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .tracking(false)
            .tags(false)
            .metadata(false)
            .maxMessageBytes(MAX_MESSAGE_BYTES)
            .maxRecipients(MAX_RECIPIENTS)
            .build();

    private final SmtpConfig config;
    private final Clock clock;
    private final SmtpConnector connector;
    private final ConnectionPool pool;

    SmtpProvider(SmtpConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.connector = new SmtpConnector(config);
        this.pool = new ConnectionPool(config.maxConnections(), config.poolSize(), clock);
    }

    @Override
    public String type() {
        return SmtpType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        SMTPMessage message;
        InternetAddress[] recipients;
        try {
            message = MimeBuilder.build(email, context, connector.session(), clock);
            recipients = MimeBuilder.envelopeRecipients(email);
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new SendOutcome.Rejected("cannot be encoded as MIME: " + e.getMessage());
        }
        String messageId = MimeBuilder.messageId(email, context);
        // Each pass either sends or uses up a dead idle connection, of which there are at most
        // max_connections; a connection of its own is tried once.
        while (true) {
            ConnectionPool.Claim claim = pool.claim(context, config.timeouts().command());
            switch (claim) {
                case ConnectionPool.Claim.Cancelled c -> {
                    return cancelled();
                }
                case ConnectionPool.Claim.Busy busy -> {
                    return new SendOutcome.Unavailable(
                            "all " + busy.maxConnections() + " connections to the relay stayed busy for "
                                    + busy.waited().toMillis() + " ms");
                }
                case ConnectionPool.Claim.Idle idle -> {
                    if (!alive(idle.transport(), context)) {
                        continue;
                    }
                    try {
                        return deliver(idle.transport(), email, message, recipients, messageId);
                    } catch (SmtpFailure failure) {
                        // The relay may drop a pooled session right after NOOP. Before DATA nothing
                        // was handed over, so the message tries another connection.
                        if (!failure.noReply() || failure.stage().compareTo(SmtpStage.DATA) >= 0) {
                            return SmtpClassifier.classify(failure.stage(), failure.code(), failure.reply());
                        }
                    }
                }
                case ConnectionPool.Claim.Open o -> {
                    return sendOnNewConnection(context, email, message, recipients, messageId);
                }
            }
            if (context.cancelled()) {
                return cancelled();
            }
        }
    }

    private SendOutcome sendOnNewConnection(
            AttemptContext context, Email email, SMTPMessage message, InternetAddress[] recipients, String id) {
        if (context.cancelled()) {
            pool.discard(null);
            return cancelled();
        }
        StagedTransport transport;
        try {
            transport = connector.open(context);
        } catch (SmtpFailure failure) {
            pool.discard(null);
            return SmtpClassifier.classify(failure.stage(), failure.code(), failure.reply());
        }
        try {
            return deliver(transport, email, message, recipients, id);
        } catch (SmtpFailure failure) {
            return SmtpClassifier.classify(failure.stage(), failure.code(), failure.reply());
        }
    }

    private static SendOutcome cancelled() {
        return new SendOutcome.Unavailable("cancelled before the message was handed over");
    }

    /** Sends on a claimed connection, then gives it back, or discards it when the send failed. */
    private SendOutcome deliver(
            StagedTransport transport, Email email, SMTPMessage message, InternetAddress[] recipients, String id)
            throws SmtpFailure {
        try {
            transport.readyForTransaction();
            transport.expectBody(email.sizeBytes());
            transport.sendMessage(message, recipients);
        } catch (MessagingException e) {
            Optional<SendOutcome> answered = RecipientAnswers.read(e, email, id);
            if (answered.isPresent()) {
                // The relay answered each recipient and the transaction ended cleanly (sent or RSET).
                pool.give(transport);
                return answered.get();
            }
            SmtpFailure failure = SmtpFailure.of(e, transport);
            pool.discard(transport);
            throw failure;
        } catch (SocketException e) {
            pool.discard(transport);
            throw SmtpFailure.of(e, SmtpStage.MAIL);
        }
        pool.give(transport);
        return new SendOutcome.Accepted(id);
    }

    /**
     * Whether a claimed idle connection still answers NOOP; a dead one is discarded. Cancelling the
     * attempt from here on closes it.
     */
    private boolean alive(StagedTransport transport, AttemptContext context) {
        try {
            context.phase(AttemptPhase.PREPARING);
            transport.attempt(context);
            transport.readyForTransaction();
            if (transport.isConnected()) { // sends NOOP; closes the transport if it fails
                return true;
            }
        } catch (SocketException e) {
            // the socket is gone: discarded below
        }
        pool.discard(transport);
        return false;
    }

    /** Connect, greeting, EHLO, STARTTLS and AUTH as configured, then NOOP and QUIT. */
    @Override
    public HealthResult checkHealth() {
        StagedTransport transport;
        try {
            transport = connector.open();
        } catch (SmtpFailure failure) {
            return HealthResult.down(healthDetail(failure));
        }
        try {
            int code = transport.simpleCommand("NOOP");
            ConnectionPool.quit(transport);
            return code == 250 ? HealthResult.up() : HealthResult.down("NOOP answered " + code);
        } catch (MessagingException e) {
            transport.abort();
            return HealthResult.down("no answer to NOOP: " + e.getMessage());
        }
    }

    private static String healthDetail(SmtpFailure failure) {
        SendOutcome outcome = SmtpClassifier.classify(failure.stage(), failure.code(), failure.reply());
        return outcome instanceof SendOutcome.Misconfigured
                ? "the relay refused our credentials or demands AUTH/TLS: " + outcome.detail()
                : outcome.detail();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** Closes idle pooled connections (with QUIT). */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        // No user name either: some relays (Postmark) take the same token as user and password.
        return "SmtpProvider[" + config.host() + ":" + config.port() + ", tls=" + config.tls() + ", auth="
                + (config.username() != null) + "]";
    }
}
