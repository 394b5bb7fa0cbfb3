package dev.postern.provider.type;

import dev.postern.provider.Provider;
import java.util.Objects;

/**
 * A provider type with the config record it read: what a configured provider is before its adapter
 * is built (a {@code postern config check} builds none).
 *
 * @param type the type that read {@code config}
 * @param config its validated config record ({@code SendGridConfig}, …); hides its secrets itself
 */
public record AdapterConfig<C>(ProviderType<C> type, C config) {

    public AdapterConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
    }

    /** The adapter. */
    public Provider create() {
        return type.create(config);
    }

    /** Whether the config sets the delivery-event webhook's key; see {@link ProviderType#eventWebhookConfigured}. */
    public boolean eventWebhookConfigured() {
        return type.eventWebhookConfigured(config);
    }

    @Override
    public String toString() {
        return type.name() + ": " + config;
    }
}
