package dev.postern.provider.mailgun;

import dev.postern.provider.Provider;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the Mailgun adapter. Applications call {@code Providers.mailgun(config)}; this door exists
 * because that factory lives in another package, and for tests that inject a clock.
 */
public final class Mailgun {
    private Mailgun() {}

    /** The adapter for {@code config}; {@code clock} turns the dates in rate-limit answers into waits. */
    public static Provider provider(MailgunConfig config, Clock clock) {
        return new MailgunProvider(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }
}
