package dev.postern.provider;

import java.util.Optional;

/**
 * A provider adapter that can read the provider's own suppression list, for {@code postern
 * suppressions import}. Kept apart from {@link Provider} so that an adapter opts in by
 * implementing it, and a custom provider that does not still compiles and runs.
 */
public interface ProviderSuppressions {

    /** Where the provider's list is read from; empty when its API offers no list. */
    default Optional<SuppressionSource> suppressionSource() {
        return Optional.empty();
    }

    /** {@code provider}'s source, when it implements this interface and offers a list. */
    static Optional<SuppressionSource> of(Provider provider) {
        return provider instanceof ProviderSuppressions p ? p.suppressionSource() : Optional.empty();
    }
}
