package dev.postern.provider.resend;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.DnsKnowledge;
import dev.postern.provider.type.ProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * {@code type: resend}: keys {@code api_key}, {@code base_url} and {@code webhook.key}, the signing
 * secret of the Resend webhook that sends Postern its delivery events (docs/providers.md).
 */
public final class ResendType implements ProviderType<ResendConfig> {
    public static final String NAME = "resend";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("api_key", "base_url", "webhook.key");
    }

    @Override
    public ResendConfig read(AdapterKeys keys, Timeouts timeouts) {
        URI baseUrl = keys.url("base_url").orElse(null);
        Secret apiKey = keys.requiredSecret("api_key");
        return new ResendConfig(
                apiKey, baseUrl, timeouts, keys.secret("webhook.key", false).orElse(null));
    }

    @Override
    public Provider create(ResendConfig config) {
        return Resend.provider(config, Clock.systemUTC());
    }

    @Override
    public boolean eventWebhookConfigured(ResendConfig config) {
        return config.webhook().isPresent();
    }

    @Override
    public Capabilities capabilities() {
        return ResendProvider.CAPABILITIES;
    }

    /** Resend sends through SES from the {@code send} subdomain, signing with selector {@code resend}. */
    @Override
    public DnsKnowledge dns() {
        return DnsKnowledge.NONE
                .withSpf("amazonses.com", "send")
                .withDkimSelectors(List.of("resend"))
                .withNote("copy the DKIM TXT value from the Resend domain's page");
    }
}
