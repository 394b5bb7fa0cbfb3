package dev.postern.provider.resend;

import dev.postern.provider.transport.BaseUrl;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Resend: configuration keys {@code api_key}, {@code base_url}, {@code timeouts} and
 * {@code webhook.key}. Validated once, here; {@code toString()} never shows a key.
 *
 * @param apiKey the API key ({@code re_…}); a sending-only key is enough
 * @param baseUrl where the API lives; {@link #DEFAULT_BASE_URL} unless tests point it at a simulator
 * @param timeouts connect and request timeouts
 * @param webhookSecret the webhook's signing secret ({@code whsec_…}, {@code webhook.key}); null when
 *     Postern does not take Resend's delivery events
 */
public record ResendConfig(Secret apiKey, URI baseUrl, Timeouts timeouts, Secret webhookSecret) {

    /** Resend's API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.resend.com");

    public ResendConfig {
        if (apiKey == null) {
            throw new IllegalArgumentException("api_key must not be blank");
        }
        baseUrl = BaseUrl.check(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
        timeouts = Objects.requireNonNullElse(timeouts, Timeouts.DEFAULTS);
        if (webhookSecret != null && signingKey(webhookSecret).length == 0) {
            // the value is a secret: the message names the rule, never the value
            throw new IllegalArgumentException(
                    "webhook.key must be the endpoint's signing secret from Resend (whsec_ followed by base64), but was not");
        }
    }

    /** Without a webhook secret. */
    public ResendConfig(Secret apiKey, URI baseUrl, Timeouts timeouts) {
        this(apiKey, baseUrl, timeouts, null);
    }

    /** The real API with default timeouts. */
    public static ResendConfig of(String apiKey) {
        return new ResendConfig(Secret.of(apiKey, "api_key"), DEFAULT_BASE_URL, Timeouts.DEFAULTS);
    }

    public ResendConfig withBaseUrl(URI baseUrl) {
        return new ResendConfig(apiKey, baseUrl, timeouts, webhookSecret);
    }

    public ResendConfig withTimeouts(Timeouts timeouts) {
        return new ResendConfig(apiKey, baseUrl, timeouts, webhookSecret);
    }

    /** With the signing secret of the Resend webhook whose events Postern takes. */
    public ResendConfig withWebhookSecret(Secret webhookSecret) {
        return new ResendConfig(apiKey, baseUrl, timeouts, webhookSecret);
    }

    /** The webhook's signing secret, when configured. */
    public Optional<Secret> webhook() {
        return Optional.ofNullable(webhookSecret);
    }

    /**
     * The HMAC key a {@code whsec_<base64>} secret stands for (Svix's format); empty when {@code
     * secret} is not in that format.
     */
    static byte[] signingKey(Secret secret) {
        String value = secret.value().strip();
        if (!value.startsWith("whsec_")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(value.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** {@code path} under the base URL. */
    URI endpoint(String path) {
        return BaseUrl.resolve(baseUrl, path);
    }
}
