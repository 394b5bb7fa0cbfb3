package dev.postern.provider;

import dev.postern.email.Email;
import dev.postern.provider.event.EventWebhook;
import java.util.Optional;

/**
 * A mail provider Postern can hand a message to: an SMTP relay, an HTTP API, or a test double.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #send} answers every attempt with exactly one {@link SendOutcome}; it does not throw
 *       for anything the provider or the network did. Classifying the provider's answer is the
 *       adapter's job, because only the adapter knows its provider's error codes.
 *   <li>{@link #send} and {@link #checkHealth} bound every network call with a timeout.
 *   <li>{@link #checkHealth} uses the provider's cheapest call that sends no mail. Postern calls it
 *       from a background monitor only, never on the send path.
 *   <li>{@link #rateLimit} answers from memory, at once, and never throws: routing asks it before
 *       every attempt.
 *   <li>Implementations are thread-safe: Postern calls them from many virtual threads at once.
 *   <li>Credentials never appear in outcomes, health details, logs or {@code toString()}.
 * </ul>
 */
public interface Provider {

    /** The provider's kind as written in configuration: {@code smtp}, {@code sendgrid}, … */
    String type();

    /**
     * Attempts to hand {@code email} to the provider. {@code context} carries Postern's message id,
     * which adapters write into an {@code X-Postern-Id} header and the provider's metadata field.
     */
    SendOutcome send(Email email, AttemptContext context);

    /** Asks the provider whether it is reachable and accepts our credentials, sending no mail. */
    HealthResult checkHealth();

    /**
     * What the provider last reported about its rate budget (limit, remaining, reset), read from its
     * answers' rate-limit headers where its API sends them; {@link RateLimitStatus#UNKNOWN} by
     * default, for providers that report nothing. Postern shows the configured limit for those, and
     * passes a provider by while its reported budget is spent until its reset time.
     */
    default RateLimitStatus rateLimit() {
        return RateLimitStatus.UNKNOWN;
    }

    /**
     * The provider's delivery-event webhook (delivered, bounced, complained, …), verified with the
     * key configured for it; empty for a provider that sends none or whose key is not configured.
     */
    default Optional<EventWebhook> eventWebhook() {
        return Optional.empty();
    }

    /** What this provider supports; routing adapts a message to it before an attempt. */
    default Capabilities capabilities() {
        return Capabilities.FULL;
    }
}
