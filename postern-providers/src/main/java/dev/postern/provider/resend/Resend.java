package dev.postern.provider.resend;

import dev.postern.provider.Provider;
import java.time.Clock;

/** Builds the Resend adapter; {@link dev.postern.providers.Providers#resend} is the usual door. */
public final class Resend {
    private Resend() {}

    /** An adapter for {@code config}; {@code clock} reads dated {@code Retry-After} answers. */
    public static Provider provider(ResendConfig config, Clock clock) {
        return new ResendProvider(config, clock);
    }
}
