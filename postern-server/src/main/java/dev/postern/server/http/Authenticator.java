package dev.postern.server.http;

import dev.postern.email.Email;
import dev.postern.server.auth.ApiKey;
import dev.postern.server.auth.AuthThrottle;
import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.Scope;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <key>} against the configured SHA-256 hashes. Every key is
 * compared, in constant time, whatever matched first, so timing tells nothing about which hash is
 * close. The key itself is never logged or kept; only the matching {@link ApiKey} (its name).
 * Unknown keys are counted per client address by the {@link AuthThrottle}: an address that presents
 * too many gets 429 {@code auth_throttled} with {@code Retry-After}, whatever key it presents, and
 * no thread waits. A request without a bearer key guesses nothing and is not counted.
 */
final class Authenticator {
    private static final String ATTRIBUTE = "postern.apiKey";

    private final List<ApiKey> keys;
    private final AuthThrottle throttle;

    Authenticator(List<ApiKey> keys, AuthThrottle throttle) {
        this.keys = List.copyOf(keys);
        this.throttle = throttle;
    }

    /** The before-handler of {@code /v1/*}: 401 unless a configured key is presented. */
    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiError.unauthorized("send Authorization: Bearer <key>");
        }
        String presented = header.substring(7).strip();
        InetAddress client = client(ctx);
        switch (throttle.admit(client)) {
            case AuthThrottle.Verdict.Open open -> {}
            case AuthThrottle.Verdict.Wait wait -> throw throttled(wait.retryAfter());
            case AuthThrottle.Verdict.Blocked blocked -> throw throttled(blocked.retryAfter());
        }
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (Hashes.matches(presented, key.keySha256())) {
                match = key;
            }
        }
        if (match == null) {
            if (throttle.failed(client, "an API key") instanceof AuthThrottle.Verdict.Blocked blocked) {
                throw throttled(blocked.retryAfter());
            }
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw ApiError.unauthorized("the API key is not valid");
        }
        ctx.attribute(ATTRIBUTE, match);
    }

    private static ApiError throttled(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiError(
                429,
                "auth_throttled",
                "too many failed authentications from your address; retry in " + seconds + " s",
                null,
                Duration.ofSeconds(seconds));
    }

    /** The connection's peer; Jetty gives it as a literal address, so no name is looked up. */
    private static InetAddress client(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Jetty gave a remote address that is not one: " + e.getMessage(), e);
        }
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

    /**
     * 403 unless {@code key} may send as {@code email}'s sender; 400 when the sender's display name
     * holds an address and the key does not allow it.
     */
    static void checkSender(ApiKey key, Email email) {
        if (!key.addressInFromName()) {
            email.from().senderNameProblem().ifPresent(problem -> {
                throw ApiError.badRequest("invalid_message", "from", problem);
            });
        }
        String domain = email.from().domain();
        if (!key.senderDomains().allows(domain)) {
            throw ApiError.forbidden(
                    "sender_not_allowed",
                    "the key '" + key.name() + "' may not send from the domain " + domain,
                    "from");
        }
    }
}
