package dev.postern.provider.mailgun;

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
 * {@code type: mailgun}: keys {@code api_key}, {@code domain}, {@code region}, {@code base_url} and
 * {@code webhook.key} (the HTTP webhook signing key; docs/providers.md, docs/events.md).
 */
public final class MailgunType implements ProviderType<MailgunConfig> {
    public static final String NAME = "mailgun";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("api_key", "domain", "region", "base_url", "webhook.key");
    }

    @Override
    public MailgunConfig read(AdapterKeys keys, Timeouts timeouts) {
        String domain = keys.required("domain");
        MailgunConfig.Region region = MailgunConfig.Region.US;
        if (keys.has("region")) {
            try {
                region = MailgunConfig.Region.parse(keys.string("region").orElse(""));
            } catch (IllegalArgumentException e) {
                keys.problem("region", "must be us or eu, but was " + keys.shown("region"));
            }
        }
        URI baseUrl = keys.url("base_url").orElse(null);
        Optional<Secret> signingKey = keys.secret("webhook.key", false);
        return new MailgunConfig(
                keys.requiredSecret("api_key"), AdapterKeys.present(domain), region, baseUrl, timeouts, signingKey);
    }

    @Override
    public Provider create(MailgunConfig config) {
        return Mailgun.provider(config, Clock.systemUTC());
    }

    @Override
    public boolean eventWebhookConfigured(MailgunConfig config) {
        return config.webhookSigningKey().isPresent();
    }

    @Override
    public Capabilities capabilities() {
        return MailgunProvider.CAPABILITIES;
    }

    @Override
    public DnsKnowledge dns() {
        return DnsKnowledge.spf("mailgun.org")
                .withNote("copy the DKIM TXT value from the Mailgun domain's DNS records page");
    }
}
