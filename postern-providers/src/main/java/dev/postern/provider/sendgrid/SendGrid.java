package dev.postern.provider.sendgrid;

import dev.postern.provider.Provider;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the SendGrid adapter. Applications call {@code Providers.sendgrid(config)}; this door
 * exists because that factory lives in another package, and for tests that inject a clock.
 */
public final class SendGrid {
    private SendGrid() {}

    /** The adapter for {@code config}; {@code clock} turns {@code Retry-After} dates into waits. */
    public static Provider provider(SendGridConfig config, Clock clock) {
        return new SendGridProvider(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }
}
