package dev.postern.provider;

import java.util.Objects;

/**
 * What a provider needs to know about one attempt besides the message itself.
 *
 * @param messageId Postern's id of the message; the same for every attempt of one message, so
 *     adapters use it as correlation id and, where the provider supports one, as idempotency key
 * @param attempt 1 for the first attempt of this message, 2 for the next, …
 * @param primaryRoute true when the provider is the message's first choice (not a failover)
 */
public record AttemptContext(String messageId, int attempt, boolean primaryRoute) {

    public AttemptContext {
        Objects.requireNonNull(messageId, "messageId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, but was " + attempt);
        }
    }
}
