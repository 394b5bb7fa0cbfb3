package dev.postern.outbox.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the suppression list, newest first.
 *
 * @param next the cursor to pass as {@code after} for the following page; empty on the last page
 */
public record SuppressionPage(List<Suppression> entries, Optional<String> next) {
    public SuppressionPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }
}
