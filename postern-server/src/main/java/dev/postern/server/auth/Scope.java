package dev.postern.server.auth;

import java.util.Locale;

/** What an API key may do: {@code send} mail, or {@code admin} (drain, drills, reading events). */
public enum Scope {
    SEND,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code send} or {@code admin}; throws naming the allowed values. */
    public static Scope parse(String text) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(text)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope must be send or admin, but was '" + text + "'");
    }
}
