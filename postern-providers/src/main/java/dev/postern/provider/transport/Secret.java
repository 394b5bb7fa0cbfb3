package dev.postern.provider.transport;

import java.util.Objects;

/** A credential: its value is available to the adapter, never to logs ({@link #toString} hides it). */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
    }

    /** A secret from configuration key {@code key}; a blank value is refused naming the key. */
    public static Secret of(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return new Secret(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
