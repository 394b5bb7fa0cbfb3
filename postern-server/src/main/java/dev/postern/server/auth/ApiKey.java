package dev.postern.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * One API key as configured: the key itself is never stored, only its SHA-256.
 *
 * @param name for logs and audit; never the key
 */
public record ApiKey(String name, String keySha256, Set<Scope> scopes, SenderDomains senderDomains) {

    public ApiKey {
        Objects.requireNonNull(name, "name");
        if (!Hashes.isSha256Hex(keySha256)) {
            throw new IllegalArgumentException(
                    "key_sha256 must be 64 lower-case hex characters (postern key new prints one)");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must list send, admin or both");
        }
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(senderDomains, "sender_domains");
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
