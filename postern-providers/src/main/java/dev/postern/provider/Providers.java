package dev.postern.provider;

/**
 * The door to Postern's provider adapters: one factory per provider type. Adapters themselves are
 * package-private; each takes its validated {@code …Config} record.
 */
public final class Providers {
    private Providers() {}

    // smtp: the SMTP adapter's factory goes here.

    // sendgrid: the SendGrid adapter's factory goes here.

    // mailgun: the Mailgun adapter's factory goes here.

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

    // http: the generic JSON webhook adapter's factory goes here.
}
