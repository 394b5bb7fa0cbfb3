package dev.postern.provider;

/**
 * The door to Postern's provider adapters: one factory per provider type. Adapters themselves are
 * package-private; each takes its validated {@code …Config} record.
 */
public final class Providers {
    private Providers() {}

    // smtp: the SMTP adapter's factory goes here.

    /** SendGrid's v3 Mail Send API. */
    public static Provider sendgrid(dev.postern.provider.sendgrid.SendGridConfig config) {
        return dev.postern.provider.sendgrid.SendGrid.provider(config, java.time.Clock.systemUTC());
    }

    /** Mailgun's Messages API, US or EU region. */
    public static Provider mailgun(dev.postern.provider.mailgun.MailgunConfig config) {
        return dev.postern.provider.mailgun.Mailgun.provider(config, java.time.Clock.systemUTC());
    }

    // postmark: the Postmark adapter's factory goes here.

    // resend: the Resend adapter's factory goes here.

    // emailr: the emailr adapter's factory goes here.

    /**
     * Postern's generic JSON webhook ({@code type: http}) for in-house or unlisted services: one
     * POST of Postern's documented JSON per message (docs/providers/http.md).
     */
    public static Provider http(dev.postern.provider.http.HttpWebhookConfig config) {
        return dev.postern.provider.http.HttpWebhookProviders.create(config, java.time.Clock.systemUTC());
    }
}
