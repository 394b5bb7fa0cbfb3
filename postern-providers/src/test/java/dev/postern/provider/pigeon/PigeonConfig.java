package dev.postern.provider.pigeon;

import java.time.Duration;
import java.util.Objects;

/**
 * A pigeon loft's configuration, validated as real config records are: messages start with the
 * key they name.
 *
 * @param loft where the birds fly from ({@code loft}); must be a lower-case word
 * @param birds how many birds fly ({@code birds})
 * @param flight how long a flight may take ({@code timeouts.flight})
 */
public record PigeonConfig(String loft, int birds, Duration flight) {
    public PigeonConfig {
        Objects.requireNonNull(loft, "loft");
        if (!loft.matches("[a-z]+")) {
            throw new IllegalArgumentException("loft must be a lower-case word, but was '" + loft + "'");
        }
        Objects.requireNonNull(flight, "flight");
    }
}
