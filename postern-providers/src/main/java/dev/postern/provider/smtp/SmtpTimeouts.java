package dev.postern.provider.smtp;

import dev.postern.provider.transport.Timeouts;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the SMTP adapter waits at each stage ({@code timeouts: {connect, command, data}}).
 *
 * @param connect to open the TCP connection (and, for implicit TLS, finish the handshake)
 * @param command for each reply before the message is handed over: the greeting, EHLO, STARTTLS,
 *     AUTH, MAIL, RCPT, DATA, NOOP
 * @param data to write the message and read the reply to its final {@code .}; longer, because
 *     relays scan the message before they answer (RFC 5321 §4.5.3.2 allows 10 minutes)
 */
public record SmtpTimeouts(Duration connect, Duration command, Duration data) {

    /** Connect 2 s, command 10 s, data 30 s. */
    public static final SmtpTimeouts DEFAULTS =
            new SmtpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public SmtpTimeouts {
        positive("connect", connect);
        positive("command", command);
        positive("data", data);
    }

    /** The shared form: {@code request} bounds every command and the data stage alike. */
    public static SmtpTimeouts of(Timeouts timeouts) {
        return new SmtpTimeouts(timeouts.connect(), timeouts.request(), timeouts.request());
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, "timeouts." + field);
        if (value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeouts." + field + " must be > 0 and < 24 days, but was " + value);
        }
    }
}
