package dev.postern.provider;

import java.util.Objects;

/**
 * What a provider needs to know about one attempt besides the message itself.
 *
 * @param messageId Postern's id of the message; the same for every attempt and every part of one
 *     message, so adapters use it as correlation id ({@code X-Postern-Id})
 * @param attempt 1 for the first attempt of this message, 2 for the next, …
 * @param primaryRoute true when the provider is the message's planned route, false on a failover
 * @param part which part this is, from 1, when the message's recipients are split into several
 *     sends because the provider takes fewer recipients per message
 * @param parts how many parts the message was split into for this provider (1 when not split)
 */
public record AttemptContext(String messageId, int attempt, boolean primaryRoute, int part, int parts) {

    public AttemptContext {
        Objects.requireNonNull(messageId, "messageId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, but was " + attempt);
        }
        if (parts < 1 || part < 1 || part > parts) {
            throw new IllegalArgumentException("part must be in 1.." + parts + " (parts >= 1), but was " + part);
        }
    }

    /** A message sent whole. */
    public AttemptContext(String messageId, int attempt, boolean primaryRoute) {
        this(messageId, attempt, primaryRoute, 1, 1);
    }

    /**
     * The key for providers that deduplicate requests ({@code Idempotency-Key}): the message id, or
     * {@code <messageId>.p<part>of<parts>} for a part, so that parts are not taken for retries of
     * each other while a retry of one part still is.
     */
    public String idempotencyKey() {
        return parts == 1 ? messageId : messageId + ".p" + part + "of" + parts;
    }
}
