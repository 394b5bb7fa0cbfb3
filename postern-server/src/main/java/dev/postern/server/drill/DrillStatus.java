package dev.postern.server.drill;

import java.util.Locale;

/** Where a drill stands: running until its verdict, then passed, failed or aborted. */
public enum DrillStatus {
    RUNNING,
    PASSED,
    FAILED,
    /** Stopped early by an operator (or a shutdown); the provider was restored at once. */
    ABORTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
