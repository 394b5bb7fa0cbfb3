package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.routing.ProviderState;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /healthz}, {@code GET /readyz} and {@code GET /openapi.json}; no key needed. */
final class HealthRoutes {
    private final Postern postern;
    private final Outbox outbox;
    private final byte[] openApi;

    HealthRoutes(Postern postern, Outbox outbox) {
        this.postern = postern;
        this.outbox = outbox;
        try (InputStream in = HealthRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void healthz(Context ctx) {
        Json.write(ctx, 200, Json.object().put("status", "ok"));
    }

    /**
     * Ready when the store answers reads and can take a write, and at least one provider is
     * available. Reading alone is not enough: a stuck or dead writer still reads fine while every
     * accept fails.
     */
    void readyz(Context ctx) {
        boolean store;
        try {
            outbox.find("readyz");
            store = outbox.writable();
        } catch (OutboxUnavailableException e) {
            store = false;
        }
        long available = postern.providers().stream()
                .filter(p -> p.state() == ProviderState.AVAILABLE)
                .count();
        boolean ready = store && available > 0;
        ObjectNode body = Json.object()
                .put("status", ready ? "ready" : "not_ready")
                .put("store", store ? "ok" : "unavailable")
                .put("providers_available", available);
        Json.write(ctx, ready ? 200 : 503, body);
    }

    void openApi(Context ctx) {
        ctx.status(200).contentType("application/json").result(openApi);
    }
}
