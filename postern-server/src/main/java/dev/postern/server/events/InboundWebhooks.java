package dev.postern.server.events;

import dev.postern.provider.event.EventWebhook;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /v1/webhooks/{provider}} needs: each provider's verifier by configured name (a
 * provider without one is absent: its URL answers 404), where verified events go, and how a
 * subscription is confirmed.
 */
public record InboundWebhooks(
        Map<String, EventWebhook> verifiers, EventIntake intake, SubscriptionConfirmer confirmer) {

    public InboundWebhooks {
        verifiers = Map.copyOf(verifiers);
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(confirmer, "confirmer");
    }
}
