package dev.postern.server.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** Angus Mail as an application would use it, pointed at the relay on loopback. */
public final class MailClient {
    private final Properties properties = new Properties();

    public MailClient(int port) {
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
    }

    /** AUTH with this one mechanism ({@code PLAIN} or {@code LOGIN}). */
    public MailClient auth(String mechanism) {
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.auth.mechanisms", mechanism);
        return this;
    }

    /** STARTTLS required, trusting exactly the certificate in {@code pem}, host name checked. */
    public MailClient startTls(Path pem) throws IOException, GeneralSecurityException {
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.ssl.socketFactory", trusting(pem).getSocketFactory());
        return this;
    }

    /** Sends {@code raw} as it is (CRLF line endings) and returns the server's reply to the final dot. */
    public String send(String raw, String user, String password) throws MessagingException {
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
            return transport.getLastServerResponse().strip();
        }
    }

    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry(
                    "relay", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
