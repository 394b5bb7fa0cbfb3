package dev.postern.server.config;

import dev.postern.ProviderConfig;
import dev.postern.provider.Provider;
import dev.postern.provider.type.AdapterConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code providers}: its name, how routing treats it, and how to reach it.
 *
 * @param adapter the provider type and the config record it read from the entry's keys
 * @param rateLimit configured limits, as written (routing enforces them through {@code routing})
 * @param spfInclude the SPF include that authorises this provider, for {@code postern doctor dns}
 *     when the provider type does not imply one ({@code spf_include})
 * @param dkimSelectors the DKIM selectors this provider signs with ({@code dkim_selectors})
 */
public record ProviderEntry(
        String name,
        ProviderConfig routing,
        AdapterConfig<?> adapter,
        Optional<RateLimit> rateLimit,
        Optional<String> spfInclude,
        List<String> dkimSelectors) {

    public ProviderEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(rateLimit, "rate_limit");
        Objects.requireNonNull(spfInclude, "spf_include");
        dkimSelectors = List.copyOf(dkimSelectors);
    }

    /** The provider's {@code type}, as written. */
    public String type() {
        return adapter.type().name();
    }

    /** Builds the adapter. */
    public Provider create() {
        return adapter.create();
    }

    @Override
    public String toString() {
        // adapter configs hide their secrets themselves; say only what is safe either way
        return "ProviderEntry[" + name + ", " + type() + ", " + routing + "]";
    }
}
