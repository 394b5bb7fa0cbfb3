package dev.postern.provider.resend;

import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resend's webhooks, signed by Svix as its documentation says ("Verifying Webhooks Manually",
 * docs.svix.com/receiving/verifying-payloads/how-manual): headers {@code svix-id}, {@code
 * svix-timestamp} (Unix seconds) and {@code svix-signature} (space-separated {@code v1,<base64>}
 * entries), each an HMAC-SHA256 of {@code id + "." + timestamp + "." + body} with the key the
 * {@code whsec_} secret encodes. Any one matching {@code v1} entry verifies, so a request signed
 * during a secret rotation is accepted.
 *
 * <p>The body is read by {@link ResendEvents}. The event id is {@code svix-id}, which Svix keeps
 * when it resends a message, so a retry is recognised as a replay.
 */
final class ResendWebhook implements EventWebhook {
    /** Resend's events are a few kilobytes; anything this large is refused before any work. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final SecretKeySpec key;

    ResendWebhook(byte[] signingKey) {
        this.key = new SecretKeySpec(signingKey, "HmacSHA256");
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return new WebhookOutcome.Malformed("body is over " + MAX_BODY_BYTES + " bytes");
        }
        Optional<String> id = request.header("svix-id");
        Optional<String> timestamp = request.header("svix-timestamp");
        Optional<String> signatures = request.header("svix-signature");
        if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty()) {
            return new WebhookOutcome.Unauthorized("svix-id, svix-timestamp and svix-signature are required");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.get().strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return new WebhookOutcome.Unauthorized("svix-timestamp is not a time in Unix seconds");
        }
        if (!matches(expected(id.get(), timestamp.get(), request.body()), signatures.get())) {
            return new WebhookOutcome.Unauthorized("no svix-signature entry matches the body");
        }
        // Svix signs at each delivery attempt, so a genuine retry is always fresh; both directions
        // are bounded because a clock far ahead would otherwise stretch the replay window.
        if (Duration.between(signedAt, request.receivedAt()).abs().compareTo(MAX_AGE) > 0) {
            return new WebhookOutcome.Stale(
                    "svix-timestamp is more than " + MAX_AGE.toMinutes() + " minutes from the time it was received");
        }
        return ResendEvents.read(id.get(), request.body(), signedAt);
    }

    private byte[] expected(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether any {@code v1,<base64>} entry equals {@code expected}, compared in constant time. */
    private static boolean matches(byte[] expected, String header) {
        boolean matched = false;
        for (String entry : header.strip().split(" +")) {
            if (!entry.startsWith("v1,")) {
                continue; // other schemes (e.g. v1a, asymmetric) are not used with a whsec_ secret
            }
            try {
                byte[] given = Base64.getDecoder().decode(entry.substring(3));
                matched |= MessageDigest.isEqual(expected, given);
            } catch (IllegalArgumentException e) {
                // not base64: this entry cannot match; others still may
            }
        }
        return matched;
    }
}
