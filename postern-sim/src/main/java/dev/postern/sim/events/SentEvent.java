package dev.postern.sim.events;

import java.time.Instant;

/**
 * One attempt to deliver a webhook request, as the control API reports it.
 *
 * @param what the request's label ({@code delivered}, {@code bounce}, {@code SubscriptionConfirmation})
 * @param messageId the provider message id the event is about; empty for subscription requests
 * @param attempt 1 for the first try, 2 for the first retry, …
 * @param status the HTTP status the receiver answered; 0 when there was no answer
 * @param error why there was no answer (timeout, refused, queue full); empty otherwise
 * @param forged true for a deliberately wrongly-signed request
 */
public record SentEvent(
        String what,
        String recipient,
        String messageId,
        String target,
        int attempt,
        int status,
        String error,
        boolean forged,
        Instant at) {

    /** True when the receiver answered 2xx. */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
