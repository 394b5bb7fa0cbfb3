package dev.postern.server.http;

import dev.postern.outbox.store.StoreException;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.server.events.EventIntake;
import dev.postern.server.events.SubscriptionConfirmer;
import dev.postern.server.metrics.WebhookMeter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/webhooks/{provider}}: a provider's delivery-event webhook (docs/events.md). No API
 * key — providers cannot send one — so the provider's {@link EventWebhook} is the only door: it
 * verifies before anything is read or changed. Bodies are bounded ({@link #MAX_BODY}, read through
 * {@link Bodies}: within the gateway's body budget, a refusal answered before the connection closes)
 * and so is the number of requests handled at once ({@link #MAX_CONCURRENT}), since anyone can reach
 * the route.
 */
final class WebhookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

    /** Providers batch events; the largest documented batches stay well below this. */
    static final int MAX_BODY = 1 << 20;

    /** Requests verified and stored at once; beyond it a provider is asked to retry (503). */
    static final int MAX_CONCURRENT = 16;

    private final Map<String, EventWebhook> webhooks;
    private final EventIntake intake;
    private final SubscriptionConfirmer confirmer;
    private final Bodies bodies;
    private final InstantSource time;
    private final WebhookMeter meter;
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);

    /**
     * @param webhooks each configured provider's verifier, by provider name; those without one absent
     * @param bodies reads bodies of at most {@link #MAX_BODY}
     */
    WebhookRoutes(
            Map<String, EventWebhook> webhooks,
            EventIntake intake,
            SubscriptionConfirmer confirmer,
            Bodies bodies,
            InstantSource time,
            WebhookMeter meter) {
        this.webhooks = Map.copyOf(webhooks);
        this.intake = intake;
        this.confirmer = confirmer;
        this.bodies = bodies;
        this.time = time;
        this.meter = meter;
    }

    void receive(Context ctx) {
        String provider = ctx.pathParam("provider");
        EventWebhook webhook = webhooks.get(provider);
        if (webhook == null) {
            throw ApiError.notFound("no provider named '" + provider + "' takes delivery-event webhooks");
        }
        if (!slots.tryAcquire()) {
            throw new ApiError(
                    503, "overloaded", "too many webhook requests at once; retry", null, Duration.ofSeconds(1));
        }
        try {
            handle(ctx, provider, webhook);
        } finally {
            slots.release();
        }
    }

    private void handle(Context ctx, String provider, EventWebhook webhook) {
        try (Bodies.Body body = bodies.read(ctx)) {
            handle(ctx, provider, webhook, new WebhookRequest(headers(ctx), body.takeBytes(), time.instant()));
        }
    }

    private void handle(Context ctx, String provider, EventWebhook webhook, WebhookRequest request) {
        WebhookOutcome outcome = webhook.receive(request);
        meter.outcome(provider, outcome);
        switch (outcome) {
            case WebhookOutcome.Events events -> {
                try {
                    intake.record(provider, events.events(), request.receivedAt());
                } catch (StoreException e) {
                    // the provider retries a 5xx: nothing is lost while the store is away
                    throw new ApiError(503, "store_unavailable", "cannot store the events now; retry", null, null);
                }
                Json.write(
                        ctx, 200, Json.object().put("received", events.events().size()));
            }
            case WebhookOutcome.Unauthorized u -> throw ApiError.unauthorized("the webhook request is not verified");
            // providers retry a 5xx: the request is verified once the verifier can reach what it needs
            case WebhookOutcome.Unavailable u -> {
                LOG.warn("{}'s webhook request cannot be verified now: {}", provider, u.reason());
                throw new ApiError(
                        503, "verifier_unavailable", "the request cannot be verified now; retry", null, null);
            }
            // answered 200 so that the provider stops resending what cannot be told from a replay
            case WebhookOutcome.Stale s -> Json.write(ctx, 200, Json.object().put("ignored", s.reason()));
            case WebhookOutcome.Malformed m -> throw ApiError.badRequest("malformed_webhook", null, m.reason());
            case WebhookOutcome.Subscribe sub -> {
                try {
                    confirmer.confirm(sub.confirmUrl());
                } catch (IOException e) {
                    LOG.warn("confirming {}'s webhook subscription failed: {}", provider, e.getMessage());
                    throw new ApiError(
                            502, "subscription_failed", "the subscription could not be confirmed", null, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiError(503, "shutting_down", "this gateway is shutting down", null, null);
                }
                Json.write(ctx, 200, Json.object().put("subscribed", true));
            }
        }
    }

    private static Map<String, String> headers(Context ctx) {
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach(headers::putIfAbsent);
        return headers;
    }
}
