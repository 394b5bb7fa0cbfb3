package dev.postern.provider.postmark;

import dev.postern.provider.Provider;
import java.time.Clock;

/** Builds the Postmark adapter; {@link dev.postern.providers.Providers#postmark} is the usual door. */
public final class Postmark {
    private Postmark() {}

    /** An adapter for {@code config}; {@code clock} reads a dated {@code Retry-After}, should Postmark send one. */
    public static Provider provider(PostmarkConfig config, Clock clock) {
        return new PostmarkProvider(config, clock);
    }
}
