package dev.postern.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP API's listener ({@code server.http}).
 *
 * @param listen where it listens; {@code 127.0.0.1:8025} by default
 * @param maxRequestBytes the largest request body taken; larger ones get 413. 30 MiB by default, so
 *     that a 25 MiB message still fits after base64 and JSON
 * @param idleTimeout how long a connection may send nothing (mid-headers, mid-body or between
 *     requests) before it is closed; 30 s by default. Bounds what a slow ("slowloris") client holds
 * @param https serve the API over TLS 1.2/1.3 with {@code server.tls}'s certificate; off by default,
 *     since the API listens on loopback unless told otherwise
 * @param maxRequestBytesInFlight the most request-body bytes being read and parsed at once, over
 *     all connections; a body that would pass it is refused with 503 {@code overloaded}, except
 *     that one body alone is always taken. {@link #defaultRequestBytesInFlight()} by default
 */
public record HttpConfig(
        Listen listen, long maxRequestBytes, Duration idleTimeout, boolean https, long maxRequestBytesInFlight) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How many bytes of heap a byte of a message body may occupy while it is read, parsed, checked
     * and stored: the body, the JSON tree's base64 string (built through two {@code char[]} copies
     * of twice its length), the decoded attachment and its copy, and the stored JSON. Measured
     * with a 19.5 MB body; see docs/configuration.md.
     */
    public static final int HEAP_BYTES_PER_BODY_BYTE = 8;

    public static final HttpConfig DEFAULTS = new HttpConfig(
            new Listen("127.0.0.1", 8025), 31_457_280, DEFAULT_IDLE_TIMEOUT, false, defaultRequestBytesInFlight());

    public HttpConfig {
        Objects.requireNonNull(listen, "listen");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("max_request_bytes must be >= 1024, but was " + maxRequestBytes);
        }
        Objects.requireNonNull(idleTimeout, "idle_timeout");
        if (idleTimeout.toMillis() < 100 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("idle_timeout must be in 100ms..1h, but was " + idleTimeout);
        }
        if (maxRequestBytesInFlight < 1024) {
            throw new IllegalArgumentException(
                    "max_request_bytes_in_flight must be >= 1024, but was " + maxRequestBytesInFlight);
        }
    }

    public HttpConfig(Listen listen, long maxRequestBytes, Duration idleTimeout, boolean https) {
        this(listen, maxRequestBytes, idleTimeout, https, defaultRequestBytesInFlight());
    }

    public HttpConfig(Listen listen, long maxRequestBytes) {
        this(listen, maxRequestBytes, DEFAULT_IDLE_TIMEOUT, false);
    }

    /**
     * Half the JVM's maximum heap ({@code -Xmx}) divided by {@link #HEAP_BYTES_PER_BODY_BYTE}: the
     * bodies in progress may take at most half the heap, the rest stays for the outbox, providers
     * and everything else. 16 MiB with a 256 MiB heap; 1.5 GiB of heap for 96 MiB.
     */
    public static long defaultRequestBytesInFlight() {
        return Math.max(1024, Runtime.getRuntime().maxMemory() / 2 / HEAP_BYTES_PER_BODY_BYTE);
    }

    public HttpConfig withListen(Listen listen) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https, maxRequestBytesInFlight);
    }

    public HttpConfig withMaxRequestBytes(long maxRequestBytes) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https, maxRequestBytesInFlight);
    }

    public HttpConfig withIdleTimeout(Duration idleTimeout) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https, maxRequestBytesInFlight);
    }

    public HttpConfig withHttps(boolean https) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https, maxRequestBytesInFlight);
    }

    public HttpConfig withMaxRequestBytesInFlight(long maxRequestBytesInFlight) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https, maxRequestBytesInFlight);
    }
}
