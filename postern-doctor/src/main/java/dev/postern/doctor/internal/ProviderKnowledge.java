package dev.postern.doctor.internal;

import dev.postern.doctor.SendingProvider;
import dev.postern.provider.type.DnsKnowledge;
import dev.postern.provider.type.ProviderType;
import dev.postern.provider.type.ProviderTypes;
import java.util.List;
import java.util.Optional;

/**
 * What the doctor knows about a provider: its type's {@link DnsKnowledge}, as the type declares it
 * in the provider registry, under what the provider's configuration ({@code spf_include}, {@code
 * dkim_selectors}) overrides. A type that is not installed is known as {@link DnsKnowledge#NONE}.
 */
public final class ProviderKnowledge {
    private ProviderKnowledge() {}

    public static DnsKnowledge of(String type) {
        return ProviderTypes.installed().find(type).map(ProviderType::dns).orElse(DnsKnowledge.NONE);
    }

    /** The include to look for: the configured one, else the type's. */
    public static Optional<String> spfInclude(SendingProvider provider) {
        return provider.spfInclude().or(() -> of(provider.type()).spfInclude());
    }

    /** The selectors to look up: the configured ones, else the type's. */
    public static List<String> dkimSelectors(SendingProvider provider) {
        return provider.dkimSelectors().isEmpty() ? of(provider.type()).dkimSelectors() : provider.dkimSelectors();
    }

    /** The name that holds the SPF record this provider needs. */
    public static String spfName(SendingProvider provider, String domain) {
        String label = of(provider.type()).spfLabel();
        return label.isEmpty() ? domain : label + "." + domain;
    }

    /**
     * The custom Return-Path that authorises this provider instead of its type's SPF include, unless
     * an include is configured (which then must be published).
     */
    public static Optional<DnsKnowledge.ReturnPath> returnPath(SendingProvider provider) {
        return provider.spfInclude().isPresent()
                ? Optional.empty()
                : of(provider.type()).returnPath();
    }
}
