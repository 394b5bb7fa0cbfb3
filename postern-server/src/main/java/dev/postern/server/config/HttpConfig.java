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
 */
public record HttpConfig(Listen listen, long maxRequestBytes, Duration idleTimeout, boolean https) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final HttpConfig DEFAULTS =
            new HttpConfig(new Listen("127.0.0.1", 8025), 31_457_280, DEFAULT_IDLE_TIMEOUT, false);

    public HttpConfig {
        Objects.requireNonNull(listen, "listen");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("max_request_bytes must be >= 1024, but was " + maxRequestBytes);
        }
        Objects.requireNonNull(idleTimeout, "idle_timeout");
        if (idleTimeout.toMillis() < 100 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("idle_timeout must be in 100ms..1h, but was " + idleTimeout);
        }
    }

    public HttpConfig(Listen listen, long maxRequestBytes) {
        this(listen, maxRequestBytes, DEFAULT_IDLE_TIMEOUT, false);
    }

    public HttpConfig withListen(Listen listen) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https);
    }

    public HttpConfig withMaxRequestBytes(long maxRequestBytes) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https);
    }

    public HttpConfig withIdleTimeout(Duration idleTimeout) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https);
    }

    public HttpConfig withHttps(boolean https) {
        return new HttpConfig(listen, maxRequestBytes, idleTimeout, https);
    }
}
