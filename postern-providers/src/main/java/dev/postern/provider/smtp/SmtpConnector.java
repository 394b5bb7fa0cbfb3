package dev.postern.provider.smtp;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.mime.MailStreams;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens conversations with one relay: TCP connect (and the implicit-TLS handshake) here, bounded
 * by {@code connect}; then Angus reads the greeting and does EHLO, STARTTLS and AUTH on that
 * socket. Opening the socket ourselves keeps a handle on it, so that each stage can get its own
 * read timeout (see {@link StagedTransport}).
 */
final class SmtpConnector {
    private final SmtpConfig config;
    private final SSLContext tls;
    private final Session session;

    SmtpConnector(SmtpConfig config) {
        this.config = config;
        this.tls = config.tls() == SmtpTls.NONE ? null : TrustMaterial.context(config);
        this.session = Session.getInstance(properties());
        MailStreams.nameProvider(); // before the first message is written (see MailStreams)
    }

    /** The session messages are built in (its properties shape MIME encoding too). */
    Session session() {
        return session;
    }

    /** A transport past greeting, EHLO, STARTTLS and AUTH, ready for MAIL FROM: for health probes. */
    StagedTransport open() throws SmtpFailure {
        return open(null);
    }

    /**
     * As {@link #open()}, for an attempt: the attempt is connecting, then preparing, and cancelling
     * it closes the socket, which ends any wait for the relay at once.
     */
    StagedTransport open(AttemptContext attempt) throws SmtpFailure {
        Socket raw = new Socket();
        Socket socket = raw;
        if (attempt != null) {
            attempt.phase(AttemptPhase.CONNECTING);
            attempt.onCancel(() -> close(raw));
        }
        try {
            raw.connect(
                    new InetSocketAddress(config.host(), config.port()),
                    millis(config.timeouts().connect()));
            raw.setSoTimeout(millis(config.timeouts().command()));
            if (attempt != null) {
                attempt.phase(AttemptPhase.PREPARING);
            }
            if (config.tls() == SmtpTls.IMPLICIT) {
                socket = handshake(raw);
            }
        } catch (IOException e) {
            close(raw);
            throw SmtpFailure.of(e, SmtpStage.CONNECT);
        }
        StagedTransport transport =
                new StagedTransport(session, url(), config.tls() == SmtpTls.IMPLICIT, raw, config.timeouts());
        if (attempt != null) {
            transport.attempt(attempt);
        }
        try {
            transport.connect(socket);
            return transport;
        } catch (MessagingException e) {
            SmtpFailure failure = SmtpFailure.of(e, transport);
            transport.abort();
            throw failure;
        }
    }

    private SSLSocket handshake(Socket raw) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, config.host(), config.port(), true);
        if (!config.trustAll()) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            ssl.setSSLParameters(parameters);
        }
        ssl.startHandshake();
        return ssl;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", String.valueOf(config.port()));
        p.put("mail.smtp.auth", String.valueOf(config.username() != null));
        p.put("mail.smtp.starttls.enable", String.valueOf(config.tls() == SmtpTls.STARTTLS));
        p.put("mail.smtp.starttls.required", String.valueOf(config.tls() == SmtpTls.STARTTLS));
        if (tls != null) {
            p.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
            p.put("mail.smtp.ssl.checkserveridentity", String.valueOf(!config.trustAll()));
        }
        if (config.helo() != null) {
            p.put("mail.smtp.localhost", config.helo());
        }
        // QUIT is a courtesy; waiting for its answer would only slow down a closing connection.
        p.put("mail.smtp.quitwait", "false");
        // Deliver to the recipients the relay takes; those it refuses are answered one by one.
        p.put("mail.smtp.sendpartial", "true");
        p.put("mail.mime.charset", "UTF-8");
        return p;
    }

    private URLName url() {
        String password = config.password() == null ? null : config.password().value();
        return new URLName("smtp", config.host(), config.port(), null, config.username(), password);
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public String toString() {
        return "SmtpConnector[" + config.host() + ":" + config.port() + ", tls=" + config.tls() + "]";
    }
}
