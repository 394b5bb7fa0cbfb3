package dev.postern.doctor;

/** The verdict of one check. */
public enum CheckStatus {
    /** The published records do what the check requires. */
    PASS,
    /** The DNS answered and the answer shows a problem; the check carries the fix. */
    FAIL,
    /**
     * The doctor could not tell: the resolver timed out, failed (SERVFAIL, REFUSED, network error),
     * or the doctor does not know what record to look for. Never counted as a pass.
     */
    UNCHECKED;

    /** The name in the JSON report and the docs: {@code pass}, {@code fail} or {@code unchecked}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
