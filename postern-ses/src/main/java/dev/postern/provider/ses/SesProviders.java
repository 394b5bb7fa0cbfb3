package dev.postern.provider.ses;

import dev.postern.provider.Provider;
import java.util.Objects;

/**
 * The door to the Amazon SES adapter, in its own module so that only users of SES carry the AWS
 * SDK ({@code dev.postern.providers.Providers} has the other providers).
 */
public final class SesProviders {
    private SesProviders() {}

    /**
     * An SES v2 provider ({@code type: ses}) that sends with {@code SendEmail} and checks health with
     * {@code GetAccount}. Its outcomes follow the table in {@code docs/providers.md, section ses}.
     */
    public static Provider ses(SesConfig config) {
        return new SesProvider(Objects.requireNonNull(config, "config"));
    }
}
