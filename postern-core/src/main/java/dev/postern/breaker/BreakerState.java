package dev.postern.breaker;

/** A breaker's state as the API shows it: {@code closed|open|half_open|forced_open}. */
public enum BreakerState {
    /** Attempts flow; failures are counted. */
    CLOSED,
    /** Too many recent failures: no attempts until the open duration has passed. */
    OPEN,
    /** A few trial attempts decide whether to close or open again. */
    HALF_OPEN,
    /** Held open by an operator action (a drill); only the operator closes it. */
    FORCED_OPEN;

    /** The lower-case name used in the API and configuration. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
