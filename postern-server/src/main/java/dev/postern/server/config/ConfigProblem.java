package dev.postern.server.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file: where ({@code providers[1].weight}, line 27) and what
 * rule it breaks. Messages never hold a secret's value, nor any value that came from the
 * environment.
 *
 * @param path the key's path in the file, e.g. {@code providers[1].weight}; empty for the whole file
 * @param line the 1-based line of the key (or of its parent when the key is missing); 0 if unknown
 */
public record ConfigProblem(String path, int line, String message) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code providers[1].weight: must be > 0, but was -3 (line 27)}. */
    @Override
    public String toString() {
        String where = path.isEmpty() ? "" : path + ": ";
        return where + message + (line > 0 ? " (line " + line + ")" : "");
    }
}
