package dev.postern.provider.ses;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.DnsKnowledge;
import dev.postern.provider.type.ProviderType;
import java.util.List;

/**
 * {@code type: ses}: keys {@code region}, {@code access_key_id}, {@code secret_access_key}, {@code
 * base_url}, {@code configuration_set} and {@code webhook.topic_arn}, the SNS topic SES publishes
 * its events to (docs/providers.md). Declared from this module, so an
 * application without {@code postern-ses} (and the AWS SDK) has no {@code ses} type.
 */
public final class SesType implements ProviderType<SesConfig> {
    public static final String NAME = "ses";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of(
                "region", "access_key_id", "secret_access_key", "base_url", "configuration_set", "webhook.topic_arn");
    }

    @Override
    public SesConfig read(AdapterKeys keys, Timeouts timeouts) {
        String region = keys.required("region");
        String accessKeyId = keys.required("access_key_id");
        Secret secret = keys.secret("secret_access_key", true).orElse(null);
        return new SesConfig(
                AdapterKeys.present(region),
                AdapterKeys.present(accessKeyId),
                AdapterKeys.present(secret),
                keys.url("base_url").orElse(null),
                timeouts,
                keys.string("configuration_set").orElse(null),
                keys.string("webhook.topic_arn").orElse(null));
    }

    @Override
    public Provider create(SesConfig config) {
        return SesProviders.ses(config);
    }

    @Override
    public boolean eventWebhookConfigured(SesConfig config) {
        return config.webhookTopicArn() != null;
    }

    @Override
    public Capabilities capabilities() {
        return SesProvider.CAPABILITIES;
    }

    @Override
    public DnsKnowledge dns() {
        return DnsKnowledge.spf("amazonses.com")
                .withDkimCnameTarget("%s.dkim.amazonses.com")
                .withNote("the three Easy DKIM tokens are shown in the SES console for the identity");
    }
}
