package dev.postern.server.auth;

import dev.postern.outbox.store.Submitter;
import java.util.Objects;
import java.util.Set;

/**
 * One API key as configured: the key itself is never stored, only its SHA-256.
 *
 * @param name for logs and audit; never the key
 * @param requestsPerSecond {@code auth.api_keys[].rate_limit.per_second}: requests this key may
 *     make per second on {@code /v1}, with a burst of as many; 0 means unlimited
 * @param addressInFromName {@code auth.api_keys[].allow_address_in_from_name}: whether this key may
 *     send with a {@code From} display name that holds an address (refused by default, since readers
 *     take it for the sender)
 */
public record ApiKey(
        String name,
        String keySha256,
        Set<Scope> scopes,
        SenderDomains senderDomains,
        int requestsPerSecond,
        boolean addressInFromName) {

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
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException(
                    "rate_limit.per_second must be > 0 (or unset), but was " + requestsPerSecond);
        }
    }

    /** A key without a request rate limit. */
    public ApiKey(String name, String keySha256, Set<Scope> scopes, SenderDomains senderDomains) {
        this(name, keySha256, scopes, senderDomains, 0, false);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /**
     * Who this key is to the outbox: its idempotency keys and the messages it may read are scoped
     * to it. Made from the name, so a key rotated under the same name keeps them.
     */
    public Submitter submitter() {
        return new Submitter("api_key:" + name);
    }
}
