package dev.postern.provider;

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

    // sendgrid: the SendGrid adapter's factory goes here.

    // mailgun: the Mailgun adapter's factory goes here.

    // postmark: the Postmark adapter's factory goes here.

    // resend: the Resend adapter's factory goes here.

    // emailr: the emailr adapter's factory goes here.

    // http: the generic JSON webhook adapter's factory goes here.
}
