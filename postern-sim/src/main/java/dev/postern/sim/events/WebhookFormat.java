package dev.postern.sim.events;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one provider words and signs its delivery-event webhooks. An implementation holds the
 * provider-side keys, generated per simulator, and a second set the receiver cannot know, for
 * deliberately wrongly-signed requests.
 */
public interface WebhookFormat {

    /**
     * The request carrying {@code event}, signed as the provider signs; when {@code forged}, signed
     * with keys the receiver does not know (the format is otherwise identical).
     */
    SignedRequest request(OutgoingEvent event, boolean forged);

    /**
     * What a receiver needs to verify these requests, by name ({@code public_key}, {@code
     * signing_key}, {@code secret}, …), as the provider's console shows it.
     */
    Map<String, String> keys();

    /** The event a provider's documented test address always produces (SES's {@code bounce@simulator.amazonses.com}). */
    default Optional<EventKind> magicAddress(String address) {
        return Optional.empty();
    }

    /** Requests sent first when the webhook target is set (SNS's {@code SubscriptionConfirmation}). */
    default List<SignedRequest> subscribe(URI target) {
        return List.of();
    }

    /** False while the provider would hold its events back (an SNS subscription not yet confirmed). */
    default boolean ready() {
        return true;
    }
}
