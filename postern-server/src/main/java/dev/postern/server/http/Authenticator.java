package dev.postern.server.http;

import dev.postern.email.Email;
import dev.postern.server.auth.ApiKey;
import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.Scope;
import io.javalin.http.Context;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <key>} against the configured SHA-256 hashes. Every key is
 * compared, in constant time, whatever matched first, so timing tells nothing about which hash is
 * close. The key itself is never logged or kept; only the matching {@link ApiKey} (its name).
 */
final class Authenticator {
    private static final String ATTRIBUTE = "postern.apiKey";

    private final List<ApiKey> keys;

    Authenticator(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The before-handler of {@code /v1/*}: 401 unless a configured key is presented. */
    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiError.unauthorized("send Authorization: Bearer <key>");
        }
        String presented = header.substring(7).strip();
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (Hashes.matches(presented, key.keySha256())) {
                match = key;
            }
        }
        if (match == null) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw ApiError.unauthorized("the API key is not valid");
        }
        ctx.attribute(ATTRIBUTE, match);
    }

    /** The authenticated key, which must hold {@code scope} (else 403). */
    static ApiKey require(Context ctx, Scope scope) {
        ApiKey key = ctx.attribute(ATTRIBUTE);
        if (key == null) {
            throw ApiError.unauthorized("send Authorization: Bearer <key>");
        }
        if (!key.has(scope)) {
            throw ApiError.forbidden(
                    "insufficient_scope",
                    "the key '" + key.name() + "' lacks the " + scope.wireName() + " scope",
                    null);
        }
        return key;
    }

    /** The authenticated key, with either scope. */
    static ApiKey any(Context ctx) {
        ApiKey key = ctx.attribute(ATTRIBUTE);
        if (key == null) {
            throw ApiError.unauthorized("send Authorization: Bearer <key>");
        }
        return key;
    }

    /** 403 unless {@code key} may send as {@code email}'s sender. */
    static void checkSender(ApiKey key, Email email) {
        String domain = email.from().domain();
        if (!key.senderDomains().allows(domain)) {
            throw ApiError.forbidden(
                    "sender_not_allowed",
                    "the key '" + key.name() + "' may not send from the domain " + domain,
                    "from");
        }
    }
}
