package dev.postern.provider.smtp;

import dev.postern.provider.Provider;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the SMTP adapter. Applications call {@code Providers.smtp(config)}; this door exists
 * because that factory lives in another package, and for tests that inject a clock.
 */
public final class Smtp {
    private Smtp() {}

    /**
     * The adapter for {@code config}; {@code clock} dates messages and ages pooled connections. The
     * returned provider is also {@link AutoCloseable}: closing it ends its idle connections.
     */
    public static Provider provider(SmtpConfig config, Clock clock) {
        return new SmtpProvider(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }
}
