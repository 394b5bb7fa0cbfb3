package dev.postern.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.BounceKind;
import java.io.UncheckedIOException;

/**
 * The one shape of a delivery event, whatever the provider: the outbound webhook's body, an entry of
 * {@code GET /v1/events} and an event of {@code GET /v1/events/stream} (docs/events.md).
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    public static ObjectNode toJson(StoredEvent e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", e.id());
        node.put("type", e.type().wireName());
        node.put("at", e.occurredAt().toString());
        node.put("provider", e.provider());
        node.put("message_id", e.messageId().orElse(null));
        node.put("recipient", e.recipient());
        node.put("bounce", e.bounce().map(BounceKind::wireName).orElse(null));
        node.put("detail", e.detail());
        node.put("provider_event_id", e.providerEventId());
        return node;
    }

    /** {@link #toJson} as UTF-8 bytes: what the outbound webhook signs and sends. */
    public static byte[] bytes(StoredEvent e) {
        try {
            return MAPPER.writeValueAsBytes(toJson(e));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
