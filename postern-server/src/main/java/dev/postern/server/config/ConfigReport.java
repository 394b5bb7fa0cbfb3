package dev.postern.server.config;

import java.util.List;
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

    /** The config; throws {@link InvalidConfigException} listing every problem when there is none. */
    public GatewayConfig orThrow() {
        return config.orElseThrow(() -> new InvalidConfigException(problems));
    }
}
