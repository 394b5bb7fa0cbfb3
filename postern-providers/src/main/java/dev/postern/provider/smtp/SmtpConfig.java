package dev.postern.provider.smtp;

import dev.postern.provider.transport.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A validated SMTP relay configuration ({@code type: smtp}). Every key is checked once, here, and
 * a violation throws {@link IllegalArgumentException} naming the YAML key.
 *
 * @param host the relay's host name or address ({@code host})
 * @param port its port ({@code port}): 587 for STARTTLS, 465 for implicit TLS, 25 or 2525 plain
 * @param tls {@code tls: none | starttls | implicit}
 * @param username the AUTH user ({@code username}), or null to send without AUTH
 * @param password the AUTH password ({@code password}); set exactly when {@code username} is
 * @param helo the name sent with EHLO ({@code helo}), or null for this machine's host name
 * @param timeouts {@code timeouts: {connect, command, data}}
 * @param trustCertificate a PEM or DER X.509 certificate to trust besides the JDK's CAs ({@code
 *     trust_certificate}), e.g. the relay's own self-signed certificate or a private CA
 * @param trustAll {@code trust_all}: accept any certificate and skip host name checks. UNSAFE: it
 *     gives up TLS's protection against interception, so it is refused unless {@code host} is a
 *     loopback address; it exists for tests against local servers only
 * @param poolSize how many idle connections to keep for reuse when no send waits for one ({@code
 *     pool_size}, 0 disables reuse)
 * @param maxConnections how many connections to the relay may be open at once, idle ones included
 *     ({@code max_connections}); a send that finds them all busy waits for one, at most {@code
 *     timeouts.command}. At least {@code poolSize}
 */
public record SmtpConfig(
        String host,
        int port,
        SmtpTls tls,
        String username,
        Secret password,
        String helo,
        SmtpTimeouts timeouts,
        Path trustCertificate,
        boolean trustAll,
        int poolSize,
        int maxConnections) {

    /**
     * Idle connections kept by default: as many as may be open ({@link #DEFAULT_MAX_CONNECTIONS}),
     * since the dispatcher sends in bursts and fewer would be closed after each burst and opened
     * again for the next (4 before issue 25); {@link ConnectionPool#MAX_IDLE} closes the unused.
     */
    public static final int DEFAULT_POOL_SIZE = 16;

    /**
     * Connections open at once by default: enough for the dispatcher's bursts to a local relay,
     * near Postfix's {@code default_destination_concurrency_limit} (20) for a remote one.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;

    /** The highest {@code max_connections} taken. */
    public static final int MAX_MAX_CONNECTIONS = 256;

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,253}");

    public SmtpConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, but was " + port);
        }
        Objects.requireNonNull(tls, "tls must be one of none, starttls, implicit");
        if (username != null && username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank when set");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException(
                    username == null
                            ? "username must be set when password is"
                            : "password must be set when username is");
        }
        if (helo != null && !HOST_NAME.matcher(helo).matches()) {
            throw new IllegalArgumentException("helo must be a host name, but was '" + helo + "'");
        }
        timeouts = timeouts == null ? SmtpTimeouts.DEFAULTS : timeouts;
        if (trustAll && !isLoopback(host)) {
            throw new IllegalArgumentException(
                    "trust_all is unsafe and allowed only for a loopback host, but host was " + host);
        }
        if (trustAll && trustCertificate != null) {
            throw new IllegalArgumentException("trust_all and trust_certificate exclude each other");
        }
        if (tls == SmtpTls.NONE && (trustAll || trustCertificate != null)) {
            throw new IllegalArgumentException("trust_all and trust_certificate need tls: starttls or implicit");
        }
        // AUTH PLAIN/LOGIN over plain text hands the password to anyone on the path.
        if (tls == SmtpTls.NONE && username != null && !isLoopback(host)) {
            throw new IllegalArgumentException(
                    "username and password need tls: starttls or implicit unless host is loopback, but host was "
                            + host);
        }
        if (poolSize < 0 || poolSize > 64) {
            throw new IllegalArgumentException("pool_size must be in 0..64, but was " + poolSize);
        }
        if (maxConnections < 1 || maxConnections > MAX_MAX_CONNECTIONS) {
            throw new IllegalArgumentException(
                    "max_connections must be in 1.." + MAX_MAX_CONNECTIONS + ", but was " + maxConnections);
        }
        if (poolSize > maxConnections) {
            throw new IllegalArgumentException(
                    "pool_size must be <= max_connections (" + maxConnections + "), but was " + poolSize);
        }
    }

    /** A relay at {@code host:port} with STARTTLS, no AUTH and the default timeouts and pool. */
    public static SmtpConfig of(String host, int port) {
        return new SmtpConfig(
                host,
                port,
                SmtpTls.STARTTLS,
                null,
                null,
                null,
                null,
                null,
                false,
                DEFAULT_POOL_SIZE,
                DEFAULT_MAX_CONNECTIONS);
    }

    public SmtpConfig withTls(SmtpTls tls) {
        return with(d -> d.tls = tls);
    }

    public SmtpConfig withCredentials(String username, Secret password) {
        return with(d -> {
            d.username = username;
            d.password = password;
        });
    }

    public SmtpConfig withHelo(String helo) {
        return with(d -> d.helo = helo);
    }

    public SmtpConfig withTimeouts(SmtpTimeouts timeouts) {
        return with(d -> d.timeouts = timeouts);
    }

    public SmtpConfig withTrustCertificate(Path certificate) {
        return with(d -> d.trustCertificate = certificate);
    }

    /** Trusts any certificate: UNSAFE, for loopback tests only (see {@code trustAll}). */
    public SmtpConfig withTrustAll() {
        return with(d -> d.trustAll = true);
    }

    /** Keeps {@code poolSize} idle connections, raising {@code maxConnections} to it if below. */
    public SmtpConfig withPoolSize(int poolSize) {
        return with(d -> {
            d.poolSize = poolSize;
            d.maxConnections = Math.max(maxConnections, poolSize);
        });
    }

    /** Allows {@code maxConnections} at once, lowering {@code poolSize} to it if above. */
    public SmtpConfig withMaxConnections(int maxConnections) {
        return with(d -> {
            d.poolSize = Math.min(poolSize, maxConnections);
            d.maxConnections = maxConnections;
        });
    }

    /** A copy with {@code change} made, validated as any new configuration. */
    private SmtpConfig with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new SmtpConfig(
                d.host,
                d.port,
                d.tls,
                d.username,
                d.password,
                d.helo,
                d.timeouts,
                d.trustCertificate,
                d.trustAll,
                d.poolSize,
                d.maxConnections);
    }

    /** The components of a configuration being changed by a {@code with…} method. */
    private static final class Draft {
        String host;
        int port;
        SmtpTls tls;
        String username;
        Secret password;
        String helo;
        SmtpTimeouts timeouts;
        Path trustCertificate;
        boolean trustAll;
        int poolSize;
        int maxConnections;

        Draft(SmtpConfig c) {
            host = c.host;
            port = c.port;
            tls = c.tls;
            username = c.username;
            password = c.password;
            helo = c.helo;
            timeouts = c.timeouts;
            trustCertificate = c.trustCertificate;
            trustAll = c.trustAll;
            poolSize = c.poolSize;
            maxConnections = c.maxConnections;
        }
    }

    private static boolean isLoopback(String host) {
        return LOOPBACK.contains(host.strip().toLowerCase(java.util.Locale.ROOT)) || host.startsWith("127.");
    }
}
