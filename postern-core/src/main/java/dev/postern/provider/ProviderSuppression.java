package dev.postern.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a provider's own suppression list, as its API gave it.
 *
 * @param reason the provider's reason in Postern's words where one fits ({@code hard_bounce},
 *     {@code complaint}), else the provider's own ({@code ManualSuppression}, ...)
 * @param detail the provider's words on it (an SMTP reply), "" when none
 * @param createdAt when the provider listed it, if it says
 */
public record ProviderSuppression(String address, String reason, String detail, Optional<Instant> createdAt) {
    public ProviderSuppression {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(createdAt, "created_at");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
    }
}
