package dev.postern.server.smtp;

import dev.postern.server.auth.SmtpUser;
import dev.postern.server.auth.TrustedNetworks;
import dev.postern.server.config.Listen;
import dev.postern.server.config.TlsFiles;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP relay's validated settings: {@code server.smtp}, {@code server.tls} and {@code
 * auth.smtp_users}/{@code trusted_networks} of {@code postern.yml}.
 *
 * @param listen where the relay listens; {@code 127.0.0.1:2525} by default
 * @param maxMessageBytes the SIZE announced and enforced (552 beyond it); 25 MiB by default
 * @param maxRecipients RCPT TO commands taken per message (452 beyond); 1000 by default
 * @param users who may AUTH, with their password hashes and sender domains
 * @param trustedNetworks clients that may relay without AUTH; none by default
 * @param tls the certificate for STARTTLS, when configured
 * @param commandTimeout how long the relay waits for a client's next command; 5 minutes by default
 *     (RFC 5321 §4.5.3.2)
 * @param maxConnections concurrent client connections; 100 by default
 */
public record SmtpRelayConfig(
        Listen listen,
        long maxMessageBytes,
        int maxRecipients,
        List<SmtpUser> users,
        TrustedNetworks trustedNetworks,
        Optional<TlsFiles> tls,
        Duration commandTimeout,
        int maxConnections) {

    public static final SmtpRelayConfig DEFAULTS = new SmtpRelayConfig(
            new Listen("127.0.0.1", 2525),
            26_214_400,
            1000,
            List.of(),
            TrustedNetworks.NONE,
            Optional.empty(),
            Duration.ofMinutes(5),
            100);

    public SmtpRelayConfig {
        Objects.requireNonNull(listen, "listen");
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("max_message_bytes must be >= 1024, but was " + maxMessageBytes);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("max_recipients must be > 0, but was " + maxRecipients);
        }
        users = List.copyOf(users);
        Objects.requireNonNull(trustedNetworks, "trusted_networks");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(commandTimeout, "command_timeout");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("command_timeout must be > 0, but was " + commandTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be > 0, but was " + maxConnections);
        }
    }

    public SmtpRelayConfig withListen(Listen listen) {
        return new SmtpRelayConfig(
                listen, maxMessageBytes, maxRecipients, users, trustedNetworks, tls, commandTimeout, maxConnections);
    }

    public SmtpRelayConfig withUsers(List<SmtpUser> users) {
        return new SmtpRelayConfig(
                listen, maxMessageBytes, maxRecipients, users, trustedNetworks, tls, commandTimeout, maxConnections);
    }

    public SmtpRelayConfig withTls(Optional<TlsFiles> tls) {
        return new SmtpRelayConfig(
                listen, maxMessageBytes, maxRecipients, users, trustedNetworks, tls, commandTimeout, maxConnections);
    }
}
