package dev.postern.event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How rates and windows read in event details: {@code 10%}, {@code 0.15%}; {@code 1h}, {@code 90s}. */
final class Rates {
    private Rates() {}

    /** A fraction as a percentage with at most two decimals and no trailing zeros. */
    static String percent(double fraction) {
        BigDecimal percent = BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP);
        return percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** The largest whole unit: {@code 1h}, {@code 15m}, {@code 90s}. */
    static String span(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
