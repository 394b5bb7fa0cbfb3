package dev.postern.provider.ses;

import dev.postern.provider.Provider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The door to the Amazon SES adapter, in its own module so that only users of SES carry the AWS
 * SDK ({@code dev.postern.providers.Providers} has the other providers).
 */
public final class SesProviders {
    private SesProviders() {}

    /**
     * An SES v2 provider ({@code type: ses}) that sends with {@code SendEmail} and checks health with
     * {@code GetAccount}. Its outcomes follow the table in {@code docs/providers.md, section ses}.
     */
    public static Provider ses(SesConfig config) {
        Objects.requireNonNull(config, "config");
        return ses(
                config,
                config.webhookTopicArn() == null
                        ? null
                        : SnsCertificates.aws(
                                config.webhookRegion(), config.timeouts().request(), Clock.systemUTC()));
    }

    /**
     * As {@link #ses(SesConfig)}, with the SNS webhook ({@code webhook.topic_arn}) taking its signing
     * certificates from {@code certificates}: {@link SnsCertificates#trusting} for tests and
     * simulators that sign with their own key pair.
     */
    public static Provider ses(SesConfig config, SnsCertificates certificates) {
        Objects.requireNonNull(config, "config");
        return new SesProvider(
                config,
                config.webhookTopicArn() == null
                        ? Optional.empty()
                        : Optional.of(new SnsWebhook(
                                config.webhookTopicArn(), Objects.requireNonNull(certificates, "certificates"))));
    }
}
