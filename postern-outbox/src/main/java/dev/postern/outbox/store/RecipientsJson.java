package dev.postern.outbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code recipients} column: each recipient's standing as a JSON array; NULL for none yet. */
final class RecipientsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecipientsJson() {}

    static String write(List<RecipientView> recipients) {
        if (recipients.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (RecipientView r : recipients) {
            ObjectNode node = array.addObject();
            node.put("address", r.address());
            node.put("status", r.status().wireName());
            r.provider().ifPresent(p -> node.put("provider", p));
            r.providerMessageId().ifPresent(id -> node.put("provider_message_id", id));
            node.put("detail", r.detail());
        }
        return array.toString();
    }

    static List<RecipientView> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<RecipientView> recipients = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                recipients.add(new RecipientView(
                        node.path("address").asText(),
                        RecipientView.Status.fromWire(node.path("status").asText()),
                        text(node, "provider"),
                        text(node, "provider_message_id"),
                        node.path("detail").asText("")));
            }
            return recipients;
        } catch (IOException e) {
            throw new UncheckedIOException("stored recipients cannot be read", e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
