package dev.postern.outbox.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One address on the suppression list: whichever provider carries a message, it is not sent to
 * this address. The list is one for all providers, so a hard bounce at the primary also keeps the
 * backup from sending there after a failover.
 *
 * @param address the address in lower case (the list compares addresses case-insensitively)
 * @param reason {@value #HARD_BOUNCE}, {@value #COMPLAINT}, {@value #MANUAL}, or for an imported
 *     entry the reason its provider gave
 * @param provider the provider that reported it; empty for an entry an operator added
 * @param detail the provider's words (an SMTP reply) or the operator's note; "" when none
 * @param createdAt when the address was suppressed
 */
public record Suppression(String address, String reason, Optional<String> provider, String detail, Instant createdAt) {
    public static final String HARD_BOUNCE = "hard_bounce";
    public static final String COMPLAINT = "complaint";
    public static final String MANUAL = "manual";

    /** Longest reason, provider name and detail kept; a provider's list must not grow rows unboundedly. */
    public static final int MAX_DETAIL = 1000;

    public Suppression {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(createdAt, "created_at");
        address = normalize(address);
        if (address.isEmpty() || address.length() > 320) {
            throw new IllegalArgumentException(
                    "address must be 1..320 characters, but was " + address.length() + " characters");
        }
        if (reason.isBlank() || reason.length() > 64) {
            throw new IllegalArgumentException("reason must be 1..64 characters, but was '" + reason + "'");
        }
        detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    }

    /** An entry an operator added by hand at {@code at}. */
    public static Suppression manual(String address, String detail, Instant at) {
        return new Suppression(address, MANUAL, Optional.empty(), detail, at);
    }

    /** How the list keys an address: trimmed and lower-cased. */
    public static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** Why a recipient was not sent to, as its standing's detail shows it. */
    public String describe() {
        return "suppressed: " + reason + provider.map(p -> " at " + p).orElse("")
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
