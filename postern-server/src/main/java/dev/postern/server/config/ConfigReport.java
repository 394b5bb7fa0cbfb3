package dev.postern.server.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What loading a configuration found: the validated config when there is no problem, every
 * problem otherwise, and in both cases the warnings (risky but legal settings) and the settings
 * that are accepted but not in effect yet in this build.
 */
public record ConfigReport(
        Optional<GatewayConfig> config, List<ConfigProblem> problems, List<String> warnings, List<String> notInEffect) {

    public ConfigReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        notInEffect = List.copyOf(notInEffect);
        if (config.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a report holds either a config or problems");
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** What stands for {@code server.public_url} in webhook URLs when it is not set. */
    public static final String PUBLIC_URL_PLACEHOLDER = "<server.public_url>";

    /**
     * The delivery-event webhook URL of each provider whose webhook key is set, by provider name in
     * configuration order: {@code server.public_url} (or {@link #PUBLIC_URL_PLACEHOLDER}) and {@code
     * /v1/webhooks/NAME}. Empty for an invalid config.
     */
    public Map<String, String> webhookUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        config.ifPresent(c -> {
            String base = c.events()
                    .publicUrl()
                    .map(u -> u.toString().replaceAll("/+$", ""))
                    .orElse(PUBLIC_URL_PLACEHOLDER);
            for (ProviderEntry p : c.providers()) {
                if (p.adapter().eventWebhookConfigured()) {
                    urls.put(p.name(), base + "/v1/webhooks/" + URLEncoder.encode(p.name(), StandardCharsets.UTF_8));
                }
            }
        });
        return urls;
    }

    /** The config; throws {@link InvalidConfigException} listing every problem when there is none. */
    public GatewayConfig orThrow() {
        return config.orElseThrow(() -> new InvalidConfigException(problems));
    }
}
