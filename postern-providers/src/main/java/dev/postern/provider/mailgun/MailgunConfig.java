package dev.postern.provider.mailgun;

import dev.postern.provider.transport.BaseUrl;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Mailgun's Messages API for one sending domain. Validated once, at construction;
 * messages name the configuration key ({@code api_key}, {@code domain}, {@code region}, {@code
 * base_url}).
 *
 * @param apiKey the API key, sent as HTTP Basic {@code api:<key>}. A Domain Sending Key can send but
 *     cannot pass the health check, which reads the domain; use the primary key
 * @param domain the sending domain as registered at Mailgun, e.g. {@code mg.shop.example}
 * @param region where the domain lives; a domain exists in one region only
 * @param baseUrl the region's endpoint unless overridden (tests point it at a simulator)
 * @param timeouts connect and request timeouts; {@link Timeouts#DEFAULTS} when null
 * @param webhookSigningKey the HTTP webhook signing key ({@code webhook.key}, Mailgun's Sending →
 *     Webhooks page); when present, the adapter offers its {@link
 *     dev.postern.provider.event.EventWebhook}
 */
public record MailgunConfig(
        Secret apiKey,
        String domain,
        Region region,
        URI baseUrl,
        Timeouts timeouts,
        Optional<Secret> webhookSigningKey) {
    private static final Pattern DOMAIN =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    /** Mailgun's regions, each with its own API endpoint. */
    public enum Region {
        US(URI.create("https://api.mailgun.net")),
        EU(URI.create("https://api.eu.mailgun.net"));

        private final URI baseUrl;

        Region(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public URI baseUrl() {
            return baseUrl;
        }

        /** Reads the configuration value {@code us} or {@code eu} (any case). */
        public static Region parse(String text) {
            return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
                case "us" -> US;
                case "eu" -> EU;
                default -> throw new IllegalArgumentException("region must be us or eu, but was '" + text + "'");
            };
        }
    }

    public MailgunConfig {
        if (apiKey == null) {
            throw new IllegalArgumentException("api_key must not be blank");
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain must not be blank");
        }
        domain = domain.strip();
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException(
                    "domain must be a host name like mg.example.com, but was '" + domain + "'");
        }
        region = Objects.requireNonNullElse(region, Region.US);
        baseUrl = BaseUrl.check(baseUrl == null ? region.baseUrl() : baseUrl);
        timeouts = Objects.requireNonNullElse(timeouts, Timeouts.DEFAULTS);
        webhookSigningKey = Objects.requireNonNullElse(webhookSigningKey, Optional.empty());
    }

    /** Without a webhook signing key. */
    public MailgunConfig(Secret apiKey, String domain, Region region, URI baseUrl, Timeouts timeouts) {
        this(apiKey, domain, region, baseUrl, timeouts, Optional.empty());
    }

    /** The domain in {@code region}, at the region's endpoint, with default timeouts. */
    public static MailgunConfig of(String apiKey, String domain, Region region) {
        return new MailgunConfig(Secret.of(apiKey, "api_key"), domain, region, null, Timeouts.DEFAULTS);
    }

    public MailgunConfig withBaseUrl(URI baseUrl) {
        return new MailgunConfig(apiKey, domain, region, baseUrl, timeouts, webhookSigningKey);
    }

    public MailgunConfig withTimeouts(Timeouts timeouts) {
        return new MailgunConfig(apiKey, domain, region, baseUrl, timeouts, webhookSigningKey);
    }

    /** With the HTTP webhook signing key that verifies Mailgun's event webhooks. */
    public MailgunConfig withWebhookSigningKey(String key) {
        return new MailgunConfig(apiKey, domain, region, baseUrl, timeouts, Optional.of(Secret.of(key, "webhook.key")));
    }
}
