package dev.postern.server.config;

import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterConfig;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import java.util.List;

/**
 * Reads one provider's adapter keys (docs/providers.md lists them per type) through its {@link
 * ProviderType} into the type's own validated config record, whose checks stay the single source
 * of truth: its message is reported at the key it names.
 */
final class AdapterSection {
    private AdapterSection() {}

    /** The keys {@code type} takes at the top of a provider entry. */
    static List<String> keys(ProviderType<?> type) {
        return type.keys().stream().filter(k -> !k.contains(".")).toList();
    }

    /** The mappings {@code type} takes keys in ({@code webhook.key} → {@code webhook}). */
    static List<String> sections(ProviderType<?> type) {
        return type.keys().stream()
                .filter(k -> k.contains("."))
                .map(k -> k.substring(0, k.indexOf('.')))
                .distinct()
                .toList();
    }

    /** The keys {@code type} takes inside the mapping {@code section} ({@code timeouts.command} → {@code command}). */
    static List<String> keysIn(ProviderType<?> type, String section) {
        return type.keys().stream()
                .filter(k -> k.startsWith(section + "."))
                .map(k -> k.substring(section.length() + 1))
                .toList();
    }

    /** The adapter's config, or null after reporting what is wrong. */
    static AdapterConfig<?> read(Section p, ProviderType<?> type, Timeouts timeouts) {
        try {
            return type.configure(new SectionKeys(p), timeouts);
        } catch (AdapterKeys.Reported e) {
            return null; // already reported
        } catch (IllegalArgumentException | NullPointerException e) {
            ProviderSection.report(
                    p, e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(e.getMessage()));
            return null;
        }
    }
}
