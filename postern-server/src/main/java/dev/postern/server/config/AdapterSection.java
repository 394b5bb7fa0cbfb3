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
    /**
     * The shortest webhook secret not warned of. A webhook secret guards more than a send key: whoever
     * guesses it can post hard bounces and complaints, and suppress any address at every provider.
     */
    static final int MIN_WEBHOOK_SECRET = 16;

    private AdapterSection() {}

    /**
     * The keys {@code type} takes at the top of a provider entry, with the mappings its dotted keys
     * live in ({@code webhook} for {@code webhook.key}).
     */
    static List<String> keys(ProviderType<?> type) {
        return type.keys().stream()
                .map(k -> k.contains(".") ? k.substring(0, k.indexOf('.')) : k)
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

    /** Warns of each secret in the entry's {@code webhook} mapping shorter than {@link #MIN_WEBHOOK_SECRET}. */
    static void warnShortWebhookSecrets(Section p, ProviderType<?> type, Findings findings) {
        if (!p.has("webhook")) {
            return;
        }
        Section webhook = p.section("webhook");
        for (String key : keysIn(type, "webhook")) {
            boolean secret = !key.equals("user"); // a user name is not a secret
            if (secret
                    && webhook.string(key)
                            .filter(v -> v.length() < MIN_WEBHOOK_SECRET)
                            .isPresent()) {
                findings.warn(
                        webhook.pathOf(key) + " is shorter than " + MIN_WEBHOOK_SECRET + " characters: whoever"
                                + " guesses it can post bounces and complaints that suppress addresses; use a long random value");
            }
        }
    }

    /** The adapter's config, or null after reporting what is wrong. */
    static AdapterConfig<?> read(Section p, ProviderType<?> type, Timeouts timeouts) {
        // a mapping only this type has (webhook) is checked here; the shared timeouts where it is read
        for (String mapping : keys(type)) {
            List<String> inner = keysIn(type, mapping);
            if (!inner.isEmpty() && !mapping.equals("timeouts") && p.has(mapping)) {
                p.section(mapping).allow(inner.toArray(String[]::new));
            }
        }
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
