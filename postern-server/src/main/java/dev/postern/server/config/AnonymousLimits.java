package dev.postern.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the SMTP relay allows a client that has not authenticated and does not connect from a
 * trusted network ({@code server.smtp.anonymous} in {@code postern.yml}). Such a client can do
 * nothing but say hello, start TLS and authenticate, so these limits only bound how long and how
 * often it may try; a session leaves them once {@code AUTH} succeeds. Beyond each, the reply is
 * {@code 421 4.7.0} and the connection closes (docs/smtp.md).
 *
 * @param timeout {@code timeout}: how long a session may stay unauthenticated, from connect; default
 *     30 s, in 1s..1h
 * @param maxCommands {@code max_commands}: commands a session may give before it authenticates;
 *     default 20, in 1..1000
 * @param maxConnections {@code max_connections}: sessions all unauthenticated clients may hold at
 *     once, so that the rest of {@code server.smtp.max_connections} stays for authenticated and
 *     trusted clients; 0 (the default) means half of it
 * @param maxConnectionRatePerClient {@code max_connection_rate_per_client}: connections one address
 *     may open in a minute that do not authenticate; default 60, in 1..100000
 */
public record AnonymousLimits(Duration timeout, int maxCommands, int maxConnections, int maxConnectionRatePerClient) {

    public static final AnonymousLimits DEFAULTS = new AnonymousLimits(Duration.ofSeconds(30), 20, 0, 60);

    public AnonymousLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("anonymous.timeout must be in 1s..1h, but was " + timeout);
        }
        if (maxCommands < 1 || maxCommands > 1000) {
            throw new IllegalArgumentException("anonymous.max_commands must be in 1..1000, but was " + maxCommands);
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException(
                    "anonymous.max_connections must be >= 1, or 0 for half of max_connections, but was "
                            + maxConnections);
        }
        if (maxConnectionRatePerClient < 1 || maxConnectionRatePerClient > 100_000) {
            throw new IllegalArgumentException("anonymous.max_connection_rate_per_client must be in 1..100000, but was "
                    + maxConnectionRatePerClient);
        }
    }

    public AnonymousLimits withMaxConnections(int maxConnections) {
        return new AnonymousLimits(timeout, maxCommands, maxConnections, maxConnectionRatePerClient);
    }

    public AnonymousLimits withMaxConnectionRatePerClient(int perMinute) {
        return new AnonymousLimits(timeout, maxCommands, maxConnections, perMinute);
    }
}
