package dev.postern.server.config;

import dev.postern.server.Listen;
import java.util.Objects;

/**
 * The HTTP API's listener ({@code server.http}).
 *
 * @param listen where it listens; {@code 127.0.0.1:8025} by default
 * @param maxRequestBytes the largest request body taken; larger ones get 413. 30 MiB by default, so
 *     that a 25 MiB message still fits after base64 and JSON
 */
public record HttpConfig(Listen listen, long maxRequestBytes) {

    public static final HttpConfig DEFAULTS = new HttpConfig(new Listen("127.0.0.1", 8025), 31_457_280);

    public HttpConfig {
        Objects.requireNonNull(listen, "listen");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("max_request_bytes must be >= 1024, but was " + maxRequestBytes);
        }
    }

    public HttpConfig withListen(Listen listen) {
        return new HttpConfig(listen, maxRequestBytes);
    }

    public HttpConfig withMaxRequestBytes(long maxRequestBytes) {
        return new HttpConfig(listen, maxRequestBytes);
    }
}
