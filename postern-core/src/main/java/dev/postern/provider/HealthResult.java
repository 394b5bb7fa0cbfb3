package dev.postern.provider;

import java.util.Objects;

/**
 * The answer to one health probe.
 *
 * @param healthy true when the provider answered and accepted our credentials
 * @param detail why it is unhealthy (or a short note when healthy); never contains a credential
 */
public record HealthResult(boolean healthy, String detail) {

    public HealthResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthResult up() {
        return new HealthResult(true, "ok");
    }

    public static HealthResult down(String detail) {
        return new HealthResult(false, detail);
    }
}
