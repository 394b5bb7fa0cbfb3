package dev.postern.provider.sendgrid;

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
import java.util.Optional;

/**
 * {@code type: sendgrid}: keys {@code api_key}, {@code base_url} and {@code webhook.key} (the
 * Signed Event Webhook's verification key; docs/providers.md, docs/events.md).
 */
public final class SendGridType implements ProviderType<SendGridConfig> {
    public static final String NAME = "sendgrid";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("api_key", "base_url", "webhook.key");
    }

    @Override
    public SendGridConfig read(AdapterKeys keys, Timeouts timeouts) {
        URI baseUrl = keys.url("base_url").orElse(null);
        Optional<Secret> webhookKey = keys.secret("webhook.key", false);
        return new SendGridConfig(keys.requiredSecret("api_key"), baseUrl, timeouts, webhookKey);
    }

    @Override
    public Provider create(SendGridConfig config) {
        return SendGrid.provider(config, Clock.systemUTC());
    }

    @Override
    public boolean eventWebhookConfigured(SendGridConfig config) {
        return config.webhookKey().isPresent();
    }

    @Override
    public Capabilities capabilities() {
        return SendGridProvider.CAPABILITIES;
    }

    @Override
    public DnsKnowledge dns() {
        return DnsKnowledge.spf("sendgrid.net")
                .withDkimSelectors(List.of("s1", "s2"))
                .withDkimCnameTarget("%s.domainkey.u0000000.wl000.sendgrid.net")
                .withNote("copy the CNAME targets from SendGrid's Sender Authentication page"
                        + " (u0000000.wl000 stands for your account's)");
    }
}
