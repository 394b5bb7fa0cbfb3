package dev.postern.server.http;

import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxCounts;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.outbox.store.StoreException;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code GET /v1/queue}: how much mail waits ({@code depth}), how long the oldest has waited, and
 * what this instance's outbox settled since it started. Either scope may read it. The oldest age
 * is one indexed query, cheap enough for a dashboard polling every few seconds; {@code
 * suppressions} is how many addresses are on the suppression list.
 */
final class QueueRoutes {
    private final Outbox outbox;

    QueueRoutes(Outbox outbox) {
        this.outbox = outbox;
    }

    void summary(Context ctx) {
        Authenticator.any(ctx);
        Duration oldest;
        try {
            oldest = outbox.oldestQueuedAge();
        } catch (OutboxUnavailableException e) {
            throw MessageRoutes.unavailable(e);
        }
        OutboxCounts counts = outbox.counts();
        Json.write(
                ctx,
                200,
                Json.object()
                        .put("depth", outbox.depth())
                        .put("oldest_age_seconds", oldest.toMillis() / 1000.0)
                        .put("accepted", counts.accepted())
                        .put("delivered", counts.delivered())
                        .put("deferred", counts.deferred())
                        .put("failed", counts.failed())
                        .put("suppressions", suppressions()));
    }

    /** How many addresses are suppressed (one count query); null when the store cannot say now. */
    private Long suppressions() {
        try {
            return outbox.suppressions().count();
        } catch (StoreException e) {
            return null;
        }
    }
}
