package dev.postern.provider.event;

/**
 * A provider's delivery-event webhook, verified as the provider documents it and read into
 * {@link DeliveryEvent}s. Postern serves one at {@code POST /v1/webhooks/{provider}} for each
 * configured provider whose adapter offers one ({@code Provider#eventWebhook()}).
 *
 * <p>Contract for implementations: {@link #receive} never throws for anything in the request (a
 * bad signature is {@link WebhookOutcome.Unauthorized}, a bad body {@link WebhookOutcome.Malformed});
 * it verifies before it parses, so an unverified body is never read; it compares signatures in
 * constant time; it judges timestamps against {@link WebhookRequest#receivedAt()}, and one older than
 * {@link #MAX_AGE} is {@link WebhookOutcome.Stale}; it is thread-safe and makes no network call
 * except where the provider's scheme requires one (Amazon SNS's signing certificate), bounded by a
 * timeout. Keys never appear in outcomes or logs.
 */
public interface EventWebhook {

    /** How old a signed timestamp may be before the request is taken for a replay. */
    java.time.Duration MAX_AGE = java.time.Duration.ofMinutes(5);

    WebhookOutcome receive(WebhookRequest request);
}
