package dev.postern.provider.emailr;

import dev.postern.provider.transport.BaseUrl;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Objects;

/**
 * How to reach emailr: configuration keys {@code api_key}, {@code base_url} and {@code timeouts}.
 * Validated once, here; {@code toString()} never shows the key.
 *
 * @param apiKey the API key, sent as {@code Authorization: Bearer <api_key>}
 * @param baseUrl where the API lives; {@link #DEFAULT_BASE_URL} unless tests point it at a simulator
 * @param timeouts connect and request timeouts
 */
public record EmailrConfig(Secret apiKey, URI baseUrl, Timeouts timeouts) {

    /** emailr's API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.emailr.dev");

    public EmailrConfig {
        if (apiKey == null) {
            throw new IllegalArgumentException("api_key must not be blank");
        }
        baseUrl = BaseUrl.check(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
        timeouts = Objects.requireNonNullElse(timeouts, Timeouts.DEFAULTS);
    }

    /** The real API with default timeouts. */
    public static EmailrConfig of(String apiKey) {
        return new EmailrConfig(Secret.of(apiKey, "api_key"), DEFAULT_BASE_URL, Timeouts.DEFAULTS);
    }

    public EmailrConfig withBaseUrl(URI baseUrl) {
        return new EmailrConfig(apiKey, baseUrl, timeouts);
    }

    public EmailrConfig withTimeouts(Timeouts timeouts) {
        return new EmailrConfig(apiKey, baseUrl, timeouts);
    }

    /** {@code path} under the base URL. */
    URI endpoint(String path) {
        return BaseUrl.resolve(baseUrl, path);
    }
}
