package dev.postern.server.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A server's TLS identity as files: {@code server.tls} in {@code postern.yml}.
 *
 * @param cert PEM certificate chain, the server's certificate first
 * @param key the private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), RSA or EC
 */
public record TlsFiles(Path cert, Path key) {
    public TlsFiles {
        Objects.requireNonNull(cert, "tls.cert");
        Objects.requireNonNull(key, "tls.key");
    }
}
