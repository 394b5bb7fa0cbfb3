package dev.postern.provider.event;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link EventWebhook} made of one request. Only {@link Events} changes anything in Postern.
 */
public sealed interface WebhookOutcome {

    /** Verified: the request comes from the provider; {@code events} may be empty (e.g. a test ping). */
    record Events(List<DeliveryEvent> events) implements WebhookOutcome {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** Not verified: unsigned, wrongly signed, or from another account. Answered 401; nothing changes. */
    record Unauthorized(String reason) implements WebhookOutcome {
        public Unauthorized {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Neither verified nor refuted: something the verifier needs is out of reach for now (Amazon
     * SNS's signing certificate could not be fetched). Answered 503, which providers retry, where a
     * 401 would lose a genuine event; nothing changes.
     */
    record Unavailable(String reason) implements WebhookOutcome {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Verified, but signed too long ago to be told from a replay: answered 200 so the provider stops
     * sending it, and ignored.
     */
    record Stale(String reason) implements WebhookOutcome {
        public Stale {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Verified, but its body cannot be read as the provider documents it. Answered 400. */
    record Malformed(String reason) implements WebhookOutcome {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Verified, and asks Postern to confirm a subscription (Amazon SNS): Postern fetches {@code
     * confirmUrl}, which the verifier has checked points at the provider itself.
     */
    record Subscribe(URI confirmUrl) implements WebhookOutcome {
        public Subscribe {
            Objects.requireNonNull(confirmUrl, "confirm_url");
        }
    }
}
