package dev.postern.sim.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.Hmac;
import dev.postern.sim.events.OutgoingEvent;
import dev.postern.sim.events.SignedRequest;
import dev.postern.sim.events.WebhookFormat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * Postern's own event webhook, for services behind the generic {@code http} provider: {@code
 * {"events": [{"id", "type", "recipient", "postern_id", "provider_message_id", "at", "bounce",
 * "detail"}]}} with {@code type} one of {@code delivered}, {@code bounced}, {@code complained},
 * {@code bounce} {@code hard}/{@code soft} (null unless bounced), {@code at} ISO-8601; headers
 * {@code X-Postern-Timestamp} (epoch seconds) and {@code X-Postern-Signature: sha256=<hex
 * HMAC-SHA256 of timestamp + "." + body>} under a shared secret.
 *
 * <p>Kept in this one class so that it can follow the receiving side's definition of the format.
 */
final class PosternEvents implements WebhookFormat {
    static final String TIMESTAMP = "X-Postern-Timestamp";
    static final String SIGNATURE = "X-Postern-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret = Hmac.randomHex(24);
    private final String unknown = Hmac.randomHex(24);

    @Override
    public SignedRequest request(OutgoingEvent event, boolean forged) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode node = body.putArray("events").addObject();
        node.put("id", event.eventId());
        node.put(
                "type",
                switch (event.kind()) {
                    case DELIVERED -> "delivered";
                    case BOUNCE, SOFT_BOUNCE -> "bounced";
                    case COMPLAINT -> "complained";
                });
        node.put("recipient", event.recipient());
        node.put("postern_id", event.message().posternId().orElse(null));
        node.put("provider_message_id", event.message().providerMessageId());
        node.put("at", event.at().toString());
        switch (event.kind()) {
            case BOUNCE -> node.put("bounce", "hard").put("detail", "550 5.1.1 user unknown");
            case SOFT_BOUNCE -> node.put("bounce", "soft").put("detail", "452 4.2.2 mailbox full");
            case DELIVERED -> node.putNull("bounce").put("detail", "250 OK");
            case COMPLAINT -> node.putNull("bounce").put("detail", "abuse");
        }
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(event.at().getEpochSecond());
        return new SignedRequest(
                event.kind().scriptName(),
                Map.of(
                        "Content-Type",
                        "application/json",
                        TIMESTAMP,
                        timestamp,
                        SIGNATURE,
                        "sha256=" + signature(forged ? unknown : secret, timestamp, payload)),
                payload);
    }

    @Override
    public Map<String, String> keys() {
        return Map.of("secret", secret);
    }

    static String signature(String secret, String timestamp, byte[] payload) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(payload, 0, signed, prefix.length, payload.length);
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    }
}
