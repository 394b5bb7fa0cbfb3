package dev.postern.server.config;

import dev.postern.email.EmailLimits;
import dev.postern.server.auth.SmtpUser;
import dev.postern.server.auth.TrustedNetworks;
import dev.postern.server.tls.TlsFiles;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the SMTP relay listens and whom it lets relay ({@code server.smtp}, {@code server.tls} and
 * the SMTP parts of {@code auth} in {@code postern.yml}). Validated once; {@link #DEFAULTS} names
 * every default and the {@code with…} methods make variants.
 *
 * @param listen where to bind; default {@code 127.0.0.1:2525}
 * @param maxMessageBytes the largest message accepted, advertised as {@code SIZE}; default 25 MiB
 * @param maxRecipients the most {@code RCPT TO} per message; at most {@link EmailLimits#MAX_RECIPIENTS}
 * @param users who may {@code AUTH}; passwords by SHA-256 only
 * @param trustedNetworks client networks that may relay without {@code AUTH}; none by default
 * @param tls certificate and key for {@code STARTTLS}; with them, {@code AUTH} needs TLS except from
 *     a loopback client (see docs/smtp.md)
 * @param commandTimeout how long the relay waits for each command line or block of message data
 *     before it answers {@code 421} and closes
 * @param maxConnections the most sessions at once; one client address may hold at most {@link
 *     #maxConnectionsPerClient()} of them
 * @param connectionsPerClient {@code max_connections_per_client}: the most sessions one client
 *     address may hold at once, in 1..maxConnections; 0 (the default) means a quarter of {@code
 *     maxConnections}. More are answered {@code 421 4.7.0} and closed
 * @param anonymous {@code anonymous}: the lifetime, command budget, share of sessions and connection
 *     rate of clients that have not authenticated and are not trusted
 */
public record SmtpRelayConfig(
        Listen listen,
        long maxMessageBytes,
        int maxRecipients,
        List<SmtpUser> users,
        TrustedNetworks trustedNetworks,
        Optional<TlsFiles> tls,
        Duration commandTimeout,
        int maxConnections,
        int connectionsPerClient,
        AnonymousLimits anonymous) {

    /** The largest message the relay can hold: it keeps one message in memory as a byte array. */
    public static final long MAX_MESSAGE_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    public static final SmtpRelayConfig DEFAULTS = new SmtpRelayConfig(
            Listen.parse("127.0.0.1:2525"),
            EmailLimits.MAX_SIZE_BYTES,
            EmailLimits.MAX_RECIPIENTS,
            List.of(),
            TrustedNetworks.NONE,
            Optional.empty(),
            Duration.ofSeconds(60),
            100,
            0,
            AnonymousLimits.DEFAULTS);

    public SmtpRelayConfig {
        Objects.requireNonNull(listen, "listen");
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "max_message_bytes must be in 1.." + MAX_MESSAGE_BYTES_LIMIT + ", but was " + maxMessageBytes);
        }
        if (maxRecipients < 1 || maxRecipients > EmailLimits.MAX_RECIPIENTS) {
            throw new IllegalArgumentException("max_recipients must be in 1.." + EmailLimits.MAX_RECIPIENTS
                    + " (the most any provider takes per message), but was " + maxRecipients);
        }
        users = List.copyOf(Objects.requireNonNull(users, "smtp_users"));
        Set<String> names = new HashSet<>();
        for (SmtpUser user : users) {
            if (!names.add(user.username())) {
                throw new IllegalArgumentException(
                        "smtp_users must name each user once, but '" + user.username() + "' appears twice");
            }
        }
        Objects.requireNonNull(trustedNetworks, "trusted_networks");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(commandTimeout, "command_timeout");
        if (commandTimeout.toMillis() < 1 || commandTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("command_timeout must be in 1ms..24d, but was " + commandTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be >= 1, but was " + maxConnections);
        }
        if (connectionsPerClient < 0 || connectionsPerClient > maxConnections) {
            throw new IllegalArgumentException("max_connections_per_client must be in 1.." + maxConnections
                    + " (max_connections), or 0 for a quarter of it, but was " + connectionsPerClient);
        }
        Objects.requireNonNull(anonymous, "anonymous");
        if (anonymous.maxConnections() > maxConnections) {
            throw new IllegalArgumentException("anonymous.max_connections must be in 1.." + maxConnections
                    + " (max_connections), or 0 for half of it, but was " + anonymous.maxConnections());
        }
    }

    /**
     * {@link #connectionsPerClient} when set, else a quarter of {@link #maxConnections} (at least 1),
     * so one client cannot take every session.
     */
    public int maxConnectionsPerClient() {
        return connectionsPerClient > 0 ? connectionsPerClient : Math.max(1, maxConnections / 4);
    }

    /**
     * {@code anonymous.max_connections} when set, else half of {@link #maxConnections} (at least 1):
     * the sessions clients that have not authenticated may hold at once.
     */
    public int maxAnonymousConnections() {
        return anonymous.maxConnections() > 0 ? anonymous.maxConnections() : Math.max(1, maxConnections / 2);
    }

    public SmtpRelayConfig withMaxConnectionsPerClient(int connectionsPerClient) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withListen(Listen listen) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withMaxMessageBytes(long maxMessageBytes) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withMaxRecipients(int maxRecipients) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withUsers(List<SmtpUser> users) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withTrustedNetworks(TrustedNetworks trustedNetworks) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withTls(TlsFiles tls) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                Optional.of(tls),
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withCommandTimeout(Duration commandTimeout) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }

    public SmtpRelayConfig withMaxConnections(int maxConnections) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                Math.min(connectionsPerClient, maxConnections),
                anonymous.withMaxConnections(Math.min(anonymous.maxConnections(), maxConnections)));
    }

    public SmtpRelayConfig withAnonymous(AnonymousLimits anonymous) {
        return new SmtpRelayConfig(
                listen,
                maxMessageBytes,
                maxRecipients,
                users,
                trustedNetworks,
                tls,
                commandTimeout,
                maxConnections,
                connectionsPerClient,
                anonymous);
    }
}
