package dev.postern.server.config;

import dev.postern.ProviderConfig;
import dev.postern.provider.Provider;
import dev.postern.provider.emailr.EmailrConfig;
import dev.postern.provider.http.HttpWebhookConfig;
import dev.postern.provider.mailgun.MailgunConfig;
import dev.postern.provider.postmark.PostmarkConfig;
import dev.postern.provider.resend.ResendConfig;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.ses.SesConfig;
import dev.postern.provider.ses.SesProviders;
import dev.postern.provider.smtp.SmtpConfig;
import dev.postern.providers.Providers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code providers}: its name, how routing treats it, and how to reach it.
 *
 * @param adapter the adapter's validated configuration ({@link SmtpConfig}, {@link SendGridConfig},
 *     {@link MailgunConfig}, {@link SesConfig}, {@link PostmarkConfig}, {@link ResendConfig},
 *     {@link EmailrConfig}, {@link HttpWebhookConfig}) — or, from Java only, a ready {@link
 *     Provider} (tests, the demo)
 * @param rateLimit configured limits, as written (routing enforces them through {@code routing})
 * @param spfInclude the SPF include that authorises this provider, for {@code postern doctor dns}
 *     when the provider type does not imply one ({@code spf_include})
 * @param dkimSelectors the DKIM selectors this provider signs with ({@code dkim_selectors})
 */
public record ProviderEntry(
        String name,
        String type,
        ProviderConfig routing,
        Object adapter,
        Optional<RateLimit> rateLimit,
        Optional<String> spfInclude,
        List<String> dkimSelectors) {

    public ProviderEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(rateLimit, "rate_limit");
        Objects.requireNonNull(spfInclude, "spf_include");
        dkimSelectors = List.copyOf(dkimSelectors);
        if (!(adapter instanceof Provider) && typeOf(adapter) == null) {
            throw new IllegalArgumentException(
                    "no provider type takes a " + adapter.getClass().getSimpleName());
        }
    }

    public ProviderEntry(
            String name, String type, ProviderConfig routing, Object adapter, Optional<RateLimit> rateLimit) {
        this(name, type, routing, adapter, rateLimit, Optional.empty(), List.of());
    }

    /** An entry for an adapter configuration, with its type derived from it. */
    public static ProviderEntry of(String name, Object adapter, ProviderConfig routing) {
        String type = adapter instanceof Provider p ? p.type() : typeOf(adapter);
        return new ProviderEntry(name, type == null ? "?" : type, routing, adapter, Optional.empty());
    }

    /** Builds the adapter. */
    public Provider create() {
        return switch (adapter) {
            case Provider p -> p;
            case SmtpConfig c -> Providers.smtp(c);
            case SendGridConfig c -> Providers.sendgrid(c);
            case MailgunConfig c -> Providers.mailgun(c);
            case SesConfig c -> SesProviders.ses(c);
            case PostmarkConfig c -> Providers.postmark(c);
            case ResendConfig c -> Providers.resend(c);
            case EmailrConfig c -> Providers.emailr(c);
            case HttpWebhookConfig c -> Providers.http(c);
            default -> throw new IllegalStateException("unreachable: checked on construction");
        };
    }

    private static String typeOf(Object adapter) {
        return switch (adapter) {
            case SmtpConfig c -> "smtp";
            case SendGridConfig c -> "sendgrid";
            case MailgunConfig c -> "mailgun";
            case SesConfig c -> "ses";
            case PostmarkConfig c -> "postmark";
            case ResendConfig c -> "resend";
            case EmailrConfig c -> "emailr";
            case HttpWebhookConfig c -> "http";
            default -> null;
        };
    }

    @Override
    public String toString() {
        // adapter configs hide their secrets themselves; say only what is safe either way
        return "ProviderEntry[" + name + ", " + type + ", " + routing + "]";
    }
}
