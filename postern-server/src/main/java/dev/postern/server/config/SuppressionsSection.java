package dev.postern.server.config;

import java.util.Arrays;
import java.util.Optional;

/** Reads {@code suppressions}. */
final class SuppressionsSection {
    private SuppressionsSection() {}

    static SuppressionsConfig suppressions(Section root) {
        if (!root.has("suppressions")) {
            return SuppressionsConfig.DEFAULTS;
        }
        Section s = root.section("suppressions");
        s.allow("on_send");
        Optional<String> onSend = s.string("on_send");
        if (onSend.isEmpty()) {
            return SuppressionsConfig.DEFAULTS;
        }
        return Arrays.stream(SuppressionsConfig.OnSend.values())
                .filter(o -> o.wireName().equals(onSend.get()))
                .findFirst()
                .map(SuppressionsConfig::new)
                .orElseGet(() -> {
                    s.problem("on_send", "must be skip or refuse, but was " + s.showValue("on_send"));
                    return SuppressionsConfig.DEFAULTS;
                });
    }
}
