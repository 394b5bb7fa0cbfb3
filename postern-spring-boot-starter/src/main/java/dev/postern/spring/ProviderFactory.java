package dev.postern.spring;

import dev.postern.ProviderConfig;
import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.Provider;
import dev.postern.provider.emailr.EmailrConfig;
import dev.postern.provider.http.HttpWebhookConfig;
import dev.postern.provider.mailgun.MailgunConfig;
import dev.postern.provider.postmark.PostmarkConfig;
import dev.postern.provider.resend.ResendConfig;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.smtp.SmtpConfig;
import dev.postern.provider.smtp.SmtpTimeouts;
import dev.postern.provider.smtp.SmtpTls;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.providers.Providers;
import dev.postern.ratelimit.RateLimitConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one {@link ProviderProperties} into a {@link Provider} through the adapter's own validated
 * config record, whose checks stay the single source of truth; their messages, which start with
 * the {@code postern.yml} key, are re-addressed to the Spring property ({@code
 * postern.providers[0].api-key must not be blank}).
 */
final class ProviderFactory {
    static final List<String> TYPES =
            List.of("smtp", "sendgrid", "mailgun", "ses", "postmark", "resend", "emailr", "http");
    private static final Pattern LEADING_KEY = Pattern.compile("^([a-z_]+) ");

    private ProviderFactory() {}

    /** The provider at {@code index} of {@code postern.providers}, or an exception naming the property. */
    static Provider create(int index, ProviderProperties p) {
        String prefix = "postern.providers[" + index + "].";
        if (p.type() == null || !TYPES.contains(p.type())) {
            throw new PosternConfigException(prefix + "type must be one of " + String.join(", ", TYPES) + ", but was "
                    + (p.type() == null ? "unset" : "'" + p.type() + "'"));
        }
        try {
            Timeouts timeouts = timeouts(p);
            return switch (p.type()) {
                case "smtp" -> Providers.smtp(smtp(p, timeouts));
                case "sendgrid" -> Providers.sendgrid(new SendGridConfig(key(p), p.baseUrl(), timeouts));
                case "mailgun" -> Providers.mailgun(mailgun(p, timeouts));
                case "ses" -> SesAdapter.create(p, timeouts);
                case "postmark" ->
                    Providers.postmark(new PostmarkConfig(key(p), p.baseUrl(), timeouts, p.messageStream()));
                case "resend" -> Providers.resend(new ResendConfig(key(p), p.baseUrl(), timeouts));
                case "emailr" -> Providers.emailr(new EmailrConfig(key(p), p.baseUrl(), timeouts));
                case "http" ->
                    Providers.http(new HttpWebhookConfig(
                            required(p.url(), "url"),
                            p.healthUrl(),
                            p.apiKey() == null ? null : Secret.of(p.apiKey(), "api_key"),
                            p.authHeader(),
                            timeouts));
                default -> throw new IllegalStateException("unreachable: type checked above");
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PosternConfigException(prefix + kebab(String.valueOf(e.getMessage())), e);
        }
    }

    /** How routing treats the provider at {@code index}: priority by position unless set. */
    static ProviderConfig routing(int index, ProviderProperties p) {
        String prefix = "postern.providers[" + index + "].";
        BreakerConfig breaker = part(prefix + "circuit-breaker.", () -> RoutingParts.breaker(p.circuitBreaker()));
        HealthCheckConfig health = part(prefix + "health-check.", () -> RoutingParts.healthCheck(p.healthCheck()));
        RateLimitConfig rateLimit = part(prefix + "rate-limit.", () -> RoutingParts.rateLimit(p.rateLimit()));
        return part(
                prefix,
                () -> new ProviderConfig(
                        Objects.requireNonNullElse(p.priority(), index + 1),
                        Objects.requireNonNullElse(p.weight(), 1),
                        breaker,
                        health,
                        rateLimit));
    }

    /** Builds a core record, re-addressing its message (which starts with its key) under {@code prefix}. */
    private static <T> T part(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PosternConfigException(prefix + kebab(String.valueOf(e.getMessage())), e);
        }
    }

    private static SmtpConfig smtp(ProviderProperties p, Timeouts shared) {
        SmtpTls tls = p.tls() == null ? SmtpTls.STARTTLS : SmtpTls.parse(p.tls());
        return new SmtpConfig(
                p.host(),
                required(p.port(), "port"),
                tls,
                p.username(),
                p.password() == null ? null : Secret.of(p.password(), "password"),
                p.helo(),
                new SmtpTimeouts(shared.connect(), shared.request(), SmtpTimeouts.DEFAULTS.data()),
                p.trustCertificate() == null ? null : Path.of(p.trustCertificate()),
                Boolean.TRUE.equals(p.trustAll()),
                Objects.requireNonNullElse(p.poolSize(), SmtpConfig.DEFAULT_POOL_SIZE));
    }

    private static MailgunConfig mailgun(ProviderProperties p, Timeouts timeouts) {
        MailgunConfig.Region region =
                p.region() == null ? MailgunConfig.Region.US : MailgunConfig.Region.parse(p.region());
        return new MailgunConfig(key(p), required(p.domain(), "domain"), region, p.baseUrl(), timeouts);
    }

    private static Timeouts timeouts(ProviderProperties p) {
        ProviderProperties.Timeouts t = p.timeouts();
        if (t == null) {
            return Timeouts.DEFAULTS;
        }
        return new Timeouts(
                Objects.requireNonNullElse(t.connect(), Timeouts.DEFAULTS.connect()),
                Objects.requireNonNullElse(t.request(), Timeouts.DEFAULTS.request()));
    }

    static Secret key(ProviderProperties p) {
        return Secret.of(p.apiKey(), "api_key");
    }

    static <T> T required(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }

    /** {@code api_key must …} → {@code api-key must …}: Spring's canonical property form. */
    private static String kebab(String message) {
        Matcher m = LEADING_KEY.matcher(message);
        return m.find()
                ? m.group(1).replace('_', '-') + message.substring(m.group(1).length())
                : message;
    }
}
