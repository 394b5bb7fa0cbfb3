package dev.postern.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate chain and its private key, both PEM files ({@code server.tls: {cert, key}}): the
 * SMTP relay offers STARTTLS with them.
 */
public record TlsFiles(Path cert, Path key) {
    public TlsFiles {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}
