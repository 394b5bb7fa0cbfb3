package dev.postern.server;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.ses.SesConfig;
import dev.postern.provider.ses.SesProviders;
import dev.postern.provider.ses.SesType;
import dev.postern.provider.ses.SnsCertificates;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import java.util.List;

/**
 * {@code type: ses} whose SNS webhook trusts exactly {@code certificates}: how a test lets the
 * adapter verify a simulator that signs with its own certificate on loopback, without any
 * configuration key that would relax the {@code sns.<region>.amazonaws.com} rule in production.
 */
record TrustingSes(SnsCertificates certificates) implements ProviderType<SesConfig> {
    private static final SesType REAL = new SesType();

    @Override
    public String name() {
        return REAL.name();
    }

    @Override
    public List<String> keys() {
        return REAL.keys();
    }

    @Override
    public SesConfig read(AdapterKeys keys, Timeouts timeouts) {
        return REAL.read(keys, timeouts);
    }

    @Override
    public Provider create(SesConfig config) {
        return SesProviders.ses(config, certificates);
    }

    @Override
    public Capabilities capabilities() {
        return REAL.capabilities();
    }

    @Override
    public boolean eventWebhookConfigured(SesConfig config) {
        return REAL.eventWebhookConfigured(config);
    }
}
