package dev.postern.provider.http;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: http}, Postern's generic JSON webhook: keys {@code url}, {@code health_url}, {@code
 * api_key}, {@code auth_header} and {@code webhook.key} (the secret its delivery events are signed
 * with; docs/providers.md, docs/events.md).
 */
public final class HttpWebhookType implements ProviderType<HttpWebhookConfig> {
    public static final String NAME = "http";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("url", "health_url", "api_key", "auth_header", "webhook.key");
    }

    @Override
    public HttpWebhookConfig read(AdapterKeys keys, Timeouts timeouts) {
        URI url = keys.url("url").orElse(null);
        if (url == null && !keys.has("url")) {
            keys.problem("url", "is required");
        }
        URI health = keys.url("health_url").orElse(null);
        Secret key = keys.secret("api_key", false).orElse(null);
        String authHeader = keys.string("auth_header").orElse(null);
        Optional<Secret> webhookSecret = keys.secret("webhook.key", false);
        return new HttpWebhookConfig(AdapterKeys.present(url), health, key, authHeader, timeouts, webhookSecret);
    }

    @Override
    public Provider create(HttpWebhookConfig config) {
        return HttpWebhookProviders.create(config, Clock.systemUTC());
    }

    @Override
    public boolean eventWebhookConfigured(HttpWebhookConfig config) {
        return config.webhookSecret().isPresent();
    }

    @Override
    public Capabilities capabilities() {
        return HttpWebhookProvider.CAPABILITIES;
    }
}
