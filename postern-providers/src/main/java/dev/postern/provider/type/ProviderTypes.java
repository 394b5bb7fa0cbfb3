package dev.postern.provider.type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The provider types on the class path, found through {@link ServiceLoader}: {@code
 * postern-providers} brings {@code smtp}, {@code sendgrid}, {@code mailgun}, {@code postmark},
 * {@code resend}, {@code emailr} and {@code http}; {@code postern-ses} adds {@code ses}; any jar may
 * add more. The only place that maps a type name to behaviour.
 */
public final class ProviderTypes {
    private static final ProviderTypes INSTALLED = load(ProviderTypes.class.getClassLoader());

    private final Map<String, ProviderType<?>> byName;

    private ProviderTypes(Map<String, ProviderType<?>> byName) {
        this.byName = byName;
    }

    /** The types visible to Postern's own class loader, loaded once. */
    public static ProviderTypes installed() {
        return INSTALLED;
    }

    /**
     * The types visible to {@code loader}, in class-path order (within a jar, in its services
     * file's order).
     *
     * @throws IllegalStateException when two types share a name: which one a file means would
     *     depend on the class path
     */
    public static ProviderTypes load(ClassLoader loader) {
        Map<String, ProviderType<?>> byName = new LinkedHashMap<>();
        for (ProviderType<?> type : ServiceLoader.load(ProviderType.class, loader)) {
            ProviderType<?> earlier = byName.putIfAbsent(type.name(), type);
            if (earlier != null) {
                throw new IllegalStateException("provider type '" + type.name() + "' is declared twice, by "
                        + earlier.getClass().getName() + " and "
                        + type.getClass().getName());
            }
        }
        return new ProviderTypes(byName);
    }

    /** The type named {@code name}, if one is installed. */
    public Optional<ProviderType<?>> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** Every installed type's name, in class-path order: for "must be one of …" messages. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** {@code must be one of smtp, sendgrid, …, but was <shown>}: the rule for an unknown {@code type}. */
    public String unknown(String shown) {
        return "must be one of " + String.join(", ", byName.keySet()) + ", but was " + shown;
    }
}
