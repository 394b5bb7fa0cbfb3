package dev.postern.provider.emailr;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * {@code type: emailr}: keys {@code api_key} and {@code base_url} (docs/providers.md). The doctor
 * knows nothing of its DNS: its SPF include and DKIM selectors are configured per provider.
 */
public final class EmailrType implements ProviderType<EmailrConfig> {
    public static final String NAME = "emailr";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("api_key", "base_url");
    }

    @Override
    public EmailrConfig read(AdapterKeys keys, Timeouts timeouts) {
        URI baseUrl = keys.url("base_url").orElse(null);
        return new EmailrConfig(keys.requiredSecret("api_key"), baseUrl, timeouts);
    }

    @Override
    public Provider create(EmailrConfig config) {
        return Emailr.provider(config, Clock.systemUTC());
    }

    @Override
    public Capabilities capabilities() {
        return EmailrProvider.CAPABILITIES;
    }
}
