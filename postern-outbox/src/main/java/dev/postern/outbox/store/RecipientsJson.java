package dev.postern.outbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code recipients} column: each recipient's standing as a JSON array; NULL for none yet. */
final class RecipientsJson {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientsJson.class);
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

    /**
     * The standings stored for message {@code messageId}. A column that cannot be read (damaged by
     * hand or by a disk) reads as no standings, with a warning: every recipient is then sent again,
     * rather than one damaged row failing every claim batch it is in, and with it all mail.
     */
    static List<RecipientView> read(String json, String messageId) {
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
        } catch (IOException | IllegalArgumentException e) {
            // The column's text holds addresses: it is not logged.
            LOG.warn(
                    "the stored recipient standings of message {} cannot be read ({}); its recipients are all"
                            + " sent again",
                    messageId,
                    e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
