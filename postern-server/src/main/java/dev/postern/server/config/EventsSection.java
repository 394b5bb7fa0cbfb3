package dev.postern.server.config;

import dev.postern.provider.transport.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Reads {@code server.public_url} and {@code events}. */
final class EventsSection {
    private EventsSection() {}

    static EventsConfig events(Section root, Section server) {
        Optional<URI> publicUrl = server.has("public_url") ? server.url("public_url") : Optional.empty();
        if (!root.has("events")) {
            return new EventsConfig(publicUrl, Optional.empty());
        }
        Section events = root.section("events");
        events.allow("webhook");
        if (!events.has("webhook")) {
            return new EventsConfig(publicUrl, Optional.empty());
        }
        Section hook = events.section("webhook");
        hook.allow("url", "secret", "give_up_after");
        Optional<URI> url = hook.url("url");
        if (!hook.has("url")) {
            hook.problem("url", "is required");
        }
        Optional<String> secret = hook.secret("secret", true).map(Secret::value);
        Duration giveUpAfter = hook.duration("give_up_after", EventsConfig.OutboundWebhook.DEFAULT_GIVE_UP_AFTER);
        if (giveUpAfter.compareTo(Duration.ofMinutes(1)) < 0) {
            hook.problem("give_up_after", "must be >= 1m, but was " + Durations.format(giveUpAfter));
            giveUpAfter = EventsConfig.OutboundWebhook.DEFAULT_GIVE_UP_AFTER;
        }
        Optional<EventsConfig.OutboundWebhook> webhook = url.isPresent() && secret.isPresent()
                ? Optional.of(new EventsConfig.OutboundWebhook(url.get(), secret.get(), giveUpAfter))
                : Optional.empty();
        return new EventsConfig(publicUrl, webhook);
    }
}
