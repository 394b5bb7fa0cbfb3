package dev.postern.server.config;

import dev.postern.provider.emailr.EmailrConfig;
import dev.postern.provider.http.HttpWebhookConfig;
import dev.postern.provider.mailgun.MailgunConfig;
import dev.postern.provider.postmark.PostmarkConfig;
import dev.postern.provider.resend.ResendConfig;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.ses.SesConfig;
import dev.postern.provider.smtp.SmtpConfig;
import dev.postern.provider.smtp.SmtpTimeouts;
import dev.postern.provider.smtp.SmtpTls;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads one provider's adapter keys (docs/providers.md lists them per type) into the adapter's own
 * validated config record, whose checks stay the single source of truth: its message is reported
 * at the key it names.
 */
final class AdapterSection {
    static final List<String> TYPES =
            List.of("smtp", "sendgrid", "mailgun", "ses", "postmark", "resend", "emailr", "http");

    private static final Map<String, List<String>> KEYS = Map.of(
            "smtp",
                    List.of(
                            "host",
                            "port",
                            "tls",
                            "username",
                            "password",
                            "helo",
                            "pool_size",
                            "trust_certificate",
                            "trust_all"),
            "sendgrid", List.of("api_key", "base_url"),
            "mailgun", List.of("api_key", "domain", "region", "base_url"),
            "ses", List.of("region", "access_key_id", "secret_access_key", "base_url", "configuration_set"),
            "postmark", List.of("api_key", "base_url", "message_stream"),
            "resend", List.of("api_key", "base_url"),
            "emailr", List.of("api_key", "base_url"),
            "http", List.of("url", "health_url", "api_key", "auth_header"));

    private AdapterSection() {}

    /** The adapter keys of {@code type}, or null for an unknown type. */
    static List<String> keys(String type) {
        return type == null ? null : KEYS.get(type);
    }

    /** The adapter's config record, or null after reporting what is wrong. */
    static Object read(Section p, String type, Timeouts timeouts) {
        try {
            return switch (type) {
                case "smtp" -> smtp(p, timeouts);
                case "sendgrid" -> new SendGridConfig(keyAfterUrl(p), url(p, "base_url"), timeouts);
                case "mailgun" -> mailgun(p, timeouts);
                case "ses" -> ses(p, timeouts);
                case "postmark" -> postmark(p, timeouts);
                case "resend" -> new ResendConfig(keyAfterUrl(p), url(p, "base_url"), timeouts);
                case "emailr" -> new EmailrConfig(keyAfterUrl(p), url(p, "base_url"), timeouts);
                case "http" -> http(p, timeouts);
                default -> null;
            };
        } catch (MissingValue e) {
            return null; // already reported
        } catch (IllegalArgumentException | NullPointerException e) {
            ProviderSection.report(
                    p, e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(e.getMessage()));
            return null;
        }
    }

    private static SmtpConfig smtp(Section p, Timeouts shared) {
        String host = p.required("host");
        int port = (int) p.integer("port", 587, 1, 65535);
        if (!p.has("port")) {
            p.problem("port", "is required (587 for STARTTLS, 465 for implicit TLS, 25 or 2525 plain)");
        }
        SmtpTls tls = SmtpTls.STARTTLS;
        if (p.has("tls")) {
            try {
                tls = SmtpTls.parse(p.string("tls", ""));
            } catch (IllegalArgumentException e) {
                p.problem("tls", "must be one of none, starttls, implicit, but was " + p.showValue("tls"));
            }
        }
        String username = p.string("username").orElse(null);
        Secret password = p.secret("password", username != null).orElse(null);
        Section t = p.section("timeouts");
        SmtpTimeouts timeouts = new SmtpTimeouts(
                shared.connect(),
                t.duration("command", shared.request()),
                t.duration("data", t.has("request") ? shared.request() : SmtpTimeouts.DEFAULTS.data()));
        String certificate = p.string("trust_certificate").orElse(null);
        String helo = p.string("helo").orElse(null);
        boolean trustAll = p.bool("trust_all", false);
        int poolSize = (int) p.integer("pool_size", SmtpConfig.DEFAULT_POOL_SIZE, 0, 64);
        return new SmtpConfig(
                require(host),
                port,
                tls,
                username,
                password,
                helo,
                timeouts,
                certificate == null ? null : Path.of(certificate),
                trustAll,
                poolSize);
    }

    private static PostmarkConfig postmark(Section p, Timeouts timeouts) {
        URI baseUrl = url(p, "base_url");
        String stream = p.string("message_stream", null);
        return new PostmarkConfig(key(p), baseUrl, timeouts, stream);
    }

    private static MailgunConfig mailgun(Section p, Timeouts timeouts) {
        String domain = p.required("domain");
        MailgunConfig.Region region = MailgunConfig.Region.US;
        if (p.has("region")) {
            try {
                region = MailgunConfig.Region.parse(p.string("region", ""));
            } catch (IllegalArgumentException e) {
                p.problem("region", "must be us or eu, but was " + p.showValue("region"));
            }
        }
        URI baseUrl = url(p, "base_url");
        return new MailgunConfig(key(p), require(domain), region, baseUrl, timeouts);
    }

    private static SesConfig ses(Section p, Timeouts timeouts) {
        String region = p.required("region");
        String accessKeyId = p.required("access_key_id");
        Secret secret = p.secret("secret_access_key", true).orElse(null);
        require(region);
        require(accessKeyId);
        require(secret);
        return new SesConfig(
                region, accessKeyId, secret, url(p, "base_url"), timeouts, p.string("configuration_set", null));
    }

    private static HttpWebhookConfig http(Section p, Timeouts timeouts) {
        URI url = url(p, "url");
        if (url == null && !p.has("url")) {
            p.problem("url", "is required");
        }
        URI health = url(p, "health_url");
        Secret key = p.secret("api_key", false).orElse(null);
        String authHeader = p.string("auth_header", null);
        return new HttpWebhookConfig(require(url), health, key, authHeader, timeouts);
    }

    /** The API key, after checking base_url too, so both problems are reported in one pass. */
    private static Secret keyAfterUrl(Section p) {
        url(p, "base_url");
        return key(p);
    }

    private static Secret key(Section p) {
        return require(p.secret("api_key", true).orElse(null));
    }

    private static URI url(Section p, String key) {
        return p.url(key).orElse(null);
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new MissingValue();
        }
        return value;
    }

    /** A required value was missing and is already reported; stop building this adapter. */
    private static final class MissingValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingValue() {
            super(null, null, false, false);
        }
    }
}
