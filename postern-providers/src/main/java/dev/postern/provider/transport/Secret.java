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

    @Override
    public String toString() {
        return "****";
    }
}
