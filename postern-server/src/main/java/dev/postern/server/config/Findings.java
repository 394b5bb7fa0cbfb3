package dev.postern.server.config;

import java.util.ArrayList;
import java.util.List;

/** What reading found besides problems: risky settings, and settings not in effect yet. */
final class Findings {
    final List<String> warnings = new ArrayList<>();
    final List<String> notInEffect = new ArrayList<>();

    void warn(String message) {
        warnings.add(message);
    }

    void notInEffect(String path, String what) {
        notInEffect.add(path + ": " + what);
    }
}
