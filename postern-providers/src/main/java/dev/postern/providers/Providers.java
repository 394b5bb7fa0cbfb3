package dev.postern.providers;

import dev.postern.provider.Provider;

/**
 * The door to Postern's provider adapters: one factory per provider type. Adapters themselves are
 * package-private; each takes its validated {@code …Config} record.
 */
public final class Providers {
    private Providers() {}

    /** An SMTP relay, through Angus Mail. */
    public static Provider smtp(dev.postern.provider.smtp.SmtpConfig config) {
        return dev.postern.provider.smtp.Smtp.provider(config, java.time.Clock.systemUTC());
    }

    /** SendGrid's v3 Mail Send API. */
    public static Provider sendgrid(dev.postern.provider.sendgrid.SendGridConfig config) {
        return dev.postern.provider.sendgrid.SendGrid.provider(config, java.time.Clock.systemUTC());
    }

    /** Mailgun's Messages API, US or EU region. */
    public static Provider mailgun(dev.postern.provider.mailgun.MailgunConfig config) {
        return dev.postern.provider.mailgun.Mailgun.provider(config, java.time.Clock.systemUTC());
    }

    /** Postmark's {@code POST /email} on the configured message stream. */
    public static Provider postmark(dev.postern.provider.postmark.PostmarkConfig config) {
        return dev.postern.provider.postmark.Postmark.provider(config, java.time.Clock.systemUTC());
    }

    /** Resend's {@code POST /emails}, with Postern's message id as idempotency key. */
    public static Provider resend(dev.postern.provider.resend.ResendConfig config) {
        return dev.postern.provider.resend.Resend.provider(config, java.time.Clock.systemUTC());
    }

    /** emailr's {@code POST /v1/emails/send}; it carries no cc/bcc and no custom headers. */
    public static Provider emailr(dev.postern.provider.emailr.EmailrConfig config) {
        return dev.postern.provider.emailr.Emailr.provider(config, java.time.Clock.systemUTC());
    }

    /**
     * Postern's generic JSON webhook ({@code type: http}) for in-house or unlisted services: one
     * POST of Postern's documented JSON per message (docs/providers.md, section http).
     */
    public static Provider http(dev.postern.provider.http.HttpWebhookConfig config) {
        return dev.postern.provider.http.HttpWebhookProviders.create(config, java.time.Clock.systemUTC());
    }
}
