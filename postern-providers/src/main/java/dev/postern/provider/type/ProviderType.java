package dev.postern.provider.type;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Timeouts;
import java.util.List;

/**
 * One provider type ({@code type: sendgrid} in {@code postern.yml}), declared by the package that
 * implements it: its name, the keys it takes, how those keys become its validated config record,
 * how that record becomes an adapter, what the adapter can carry, and what the DNS doctor must
 * know about it. {@link ProviderTypes} finds every type on the class path through {@link
 * java.util.ServiceLoader}; configuration loading, the Spring starter and the doctor read nothing
 * else, so a type is added without touching them (docs/providers.md, "Adding a provider type").
 *
 * <p>Implementations are public, stateless and have a public no-argument constructor, and are
 * listed in {@code META-INF/services/dev.postern.provider.type.ProviderType} of their module.
 *
 * @param <C> the type's validated config record
 */
public interface ProviderType<C> {

    /** The name written as {@code type:}, lower case: {@code sendgrid}. */
    String name();

    /**
     * The keys this type takes besides those every provider shares ({@code name}, {@code type},
     * {@code priority}, {@code timeouts.connect}, …), as written in {@code postern.yml}. A key
     * inside a shared mapping is written with a dot: {@code timeouts.command}.
     */
    List<String> keys();

    /**
     * Reads this type's keys into its config record. Missing or malformed values are reported
     * through {@code keys} (which names the key, and never shows a secret); the config record's own
     * checks stay the single source of truth, and their {@link IllegalArgumentException} message
     * starts with the key it names ({@code base_url must be …}).
     *
     * @param timeouts the shared {@code timeouts.connect} and {@code timeouts.request}, already read
     * @throws AdapterKeys.Reported when a value the record needs was missing and is already reported
     * @throws IllegalArgumentException when the config record refuses the values
     */
    C read(AdapterKeys keys, Timeouts timeouts);

    /** The adapter for a config record {@link #read} made. */
    Provider create(C config);

    /** What this type's adapters can carry; equal to their {@link Provider#capabilities()}. */
    Capabilities capabilities();

    /** What {@code postern doctor dns} knows about this type; {@link DnsKnowledge#NONE} by default. */
    default DnsKnowledge dns() {
        return DnsKnowledge.NONE;
    }

    /**
     * Whether {@code config} sets the key this type's delivery-event webhook is verified with (so
     * that its adapter's {@code Provider#eventWebhook()} is present): {@code postern config check}
     * then prints the provider's webhook URL without building the adapter. False by default.
     */
    default boolean eventWebhookConfigured(C config) {
        return false;
    }

    /** {@link #read}, bound to this type, so that it can be created later without a cast. */
    default AdapterConfig<C> configure(AdapterKeys keys, Timeouts timeouts) {
        return new AdapterConfig<>(this, read(keys, timeouts));
    }
}
