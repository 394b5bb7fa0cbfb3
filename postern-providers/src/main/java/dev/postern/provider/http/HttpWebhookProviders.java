package dev.postern.provider.http;

import dev.postern.provider.Provider;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the webhook adapter, which is package-private. Applications use {@code
 * dev.postern.providers.Providers.http(config)}; this door exists for it, and for tests that need to
 * fix the clock by which {@code Retry-After} dates are read.
 */
public final class HttpWebhookProviders {
    private HttpWebhookProviders() {}

    public static Provider create(HttpWebhookConfig config, Clock clock) {
        return new HttpWebhookProvider(
                Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }
}
