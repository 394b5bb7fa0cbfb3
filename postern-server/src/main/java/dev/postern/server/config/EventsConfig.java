package dev.postern.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivery events (docs/events.md): where providers reach this gateway ({@code server.public_url})
 * and the one outbound webhook every event is sent to ({@code events.webhook}).
 *
 * @param publicUrl the URL providers reach the gateway at, for the webhook URLs {@code postern
 *     config check} prints; empty when not set
 * @param webhook the outbound webhook; empty: events are stored and listed, not sent
 */
public record EventsConfig(Optional<URI> publicUrl, Optional<OutboundWebhook> webhook) {

    public static final EventsConfig DEFAULTS = new EventsConfig(Optional.empty(), Optional.empty());

    public EventsConfig {
        Objects.requireNonNull(publicUrl, "public_url");
        Objects.requireNonNull(webhook, "webhook");
    }

    public EventsConfig withWebhook(OutboundWebhook webhook) {
        return new EventsConfig(publicUrl, Optional.of(webhook));
    }

    /**
     * {@code events.webhook}: each event POSTed once in Postern's format, signed with {@code secret}
     * as the alert webhook is, retried with backoff until 2xx or {@code giveUpAfter}.
     */
    public record OutboundWebhook(URI url, String secret, Duration giveUpAfter) {
        public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(24);

        public OutboundWebhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(giveUpAfter, "give_up_after");
            if (giveUpAfter.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("give_up_after must be >= 1m, but was " + giveUpAfter);
            }
        }

        public OutboundWebhook(URI url, String secret) {
            this(url, secret, DEFAULT_GIVE_UP_AFTER);
        }

        @Override
        public String toString() {
            return "OutboundWebhook[" + url.getScheme() + "://" + url.getHost() + ", give_up_after=" + giveUpAfter
                    + "]"; // never the secret
        }
    }
}
