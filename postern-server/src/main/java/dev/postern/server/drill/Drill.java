package dev.postern.server.drill;

import java.time.Instant;
import java.util.Optional;

/**
 * One drill as the API shows it ({@code GET /v1/drills/{id}}).
 *
 * @param origin {@code api} or {@code schedule}
 * @param restoredAt when the provider came back into rotation; empty while it is still out
 * @param endedAt when the verdict was reached; empty while running
 * @param report the report, once the verdict is reached
 */
public record Drill(
        String id,
        String provider,
        String origin,
        DrillStatus status,
        DrillRequest request,
        Instant startedAt,
        Optional<Instant> restoredAt,
        Optional<Instant> endedAt,
        Optional<DrillReport> report) {}
