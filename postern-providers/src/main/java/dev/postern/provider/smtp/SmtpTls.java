package dev.postern.provider.smtp;

import java.util.Locale;

/** How the connection to the relay is protected, as written in configuration ({@code tls:}). */
public enum SmtpTls {
    /** Plain text throughout: only for relays on a trusted network or loopback. */
    NONE,
    /** Plain connect, then {@code STARTTLS} before AUTH and MAIL; refused if the relay does not offer it. */
    STARTTLS,
    /** TLS from the first byte (ports 465, 2465). */
    IMPLICIT;

    /** Parses {@code none}, {@code starttls} or {@code implicit}, ignoring case. */
    public static SmtpTls parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("tls must be one of none, starttls, implicit, but was '" + text + "'");
        }
    }
}
