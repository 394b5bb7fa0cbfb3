package dev.postern.provider.emailr;

import dev.postern.provider.Provider;
import java.time.Clock;

/** Builds the emailr adapter; {@link dev.postern.providers.Providers#emailr} is the usual door. */
public final class Emailr {
    private Emailr() {}

    /** An adapter for {@code config}; {@code clock} reads a dated {@code Retry-After}, should emailr send one. */
    public static Provider provider(EmailrConfig config, Clock clock) {
        return new EmailrProvider(config, clock);
    }
}
