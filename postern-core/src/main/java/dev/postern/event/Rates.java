package dev.postern.event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How rates and spans of time read in Postern's event details and alerts: {@code 10%}, {@code
 * 0.15%}; {@code 1h}, {@code 90s}.
 */
public final class Rates {
    private Rates() {}

    /** A fraction as a percentage with at most two decimals and no trailing zeros. */
    public static String percent(double fraction) {
        BigDecimal percent = BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP);
        return percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** The largest whole unit: {@code 1h}, {@code 15m}, {@code 90s}. */
    public static String span(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /**
     * "{@code name}'s {@code what} rate is 6% (3 of 50 messages in the last 1h), at or above 5%": a
     * provider's reputation rate that reached its alert threshold.
     */
    static String reached(
            String name, String what, double rate, long count, long sent, Duration window, double threshold) {
        return name + "'s " + what + " rate is " + percent(rate) + " (" + count + " of " + sent
                + " messages in the last " + span(window) + "), at or above " + percent(threshold);
    }
}
