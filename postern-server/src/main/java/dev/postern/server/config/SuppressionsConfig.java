package dev.postern.server.config;

import java.util.Locale;
import java.util.Objects;

/**
 * What the gateway does at intake with mail to suppressed addresses ({@code suppressions}).
 * Whatever it says, the dispatcher never sends to a suppressed address; this only decides whether
 * a sender hears about it when the message is handed in.
 *
 * @param onSend {@link OnSend#SKIP}: accept, and record each suppressed recipient as {@code
 *     suppressed}; {@link OnSend#REFUSE}: refuse a message whose recipients are all suppressed
 *     ({@code 422 suppressed}) and an SMTP {@code RCPT TO} a suppressed address ({@code 550 5.1.1})
 */
public record SuppressionsConfig(OnSend onSend) {

    /** {@code on_send: skip}. */
    public static final SuppressionsConfig DEFAULTS = new SuppressionsConfig(OnSend.SKIP);

    public SuppressionsConfig {
        Objects.requireNonNull(onSend, "suppressions.on_send");
    }

    /** {@code suppressions.on_send}. */
    public enum OnSend {
        SKIP,
        REFUSE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
