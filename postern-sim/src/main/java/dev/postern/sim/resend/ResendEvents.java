package dev.postern.sim.resend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.Hmac;
import dev.postern.sim.events.OutgoingEvent;
import dev.postern.sim.events.SignedRequest;
import dev.postern.sim.events.WebhookFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resend's webhooks, delivered through Svix: {@code {"type": "email.delivered" | "email.bounced" |
 * "email.delivery_delayed" | "email.complained", "created_at", "data": {"email_id", "to", …}}} (the
 * {@code Webhook Events} of Resend's OpenAPI), signed with headers {@code svix-id}, {@code
 * svix-timestamp} and {@code svix-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>} under the
 * base64-decoded part of the {@code whsec_} secret. A soft bounce is {@code email.delivery_delayed}:
 * Resend's {@code email.bounced} is permanent only. The message's tags come back as {@code tags}.
 *
 * <p>Resend's test addresses work: {@code delivered@resend.dev}, {@code bounced@resend.dev}, {@code
 * complained@resend.dev}, each also with a {@code +label}.
 */
final class ResendEvents implements WebhookFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret = Hmac.randomBytes(24);
    private final byte[] unknown = Hmac.randomBytes(24);

    @Override
    public SignedRequest request(OutgoingEvent event, boolean forged) {
        ObjectNode body = JSON.createObjectNode();
        body.put(
                "type",
                switch (event.kind()) {
                    case DELIVERED -> "email.delivered";
                    case BOUNCE -> "email.bounced";
                    case SOFT_BOUNCE -> "email.delivery_delayed";
                    case COMPLAINT -> "email.complained";
                });
        body.put("created_at", event.at().toString());
        ObjectNode data = body.putObject("data");
        data.put("email_id", event.message().providerMessageId());
        data.put("created_at", event.at().toString());
        data.put("from", event.message().from());
        data.putArray("to").add(event.recipient());
        data.put("subject", event.message().subject());
        if (event.kind() == EventKind.BOUNCE) {
            data.putObject("bounce")
                    .put("message", "The recipient's email address does not exist.")
                    .put("subType", "General")
                    .put("type", "Permanent")
                    .putArray("diagnosticCode")
                    .add("smtp; 550 5.1.1 user unknown");
        }
        ObjectNode tags = data.putObject("tags");
        event.message().metadata().forEach(tags::put);

        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + Hmac.randomHex(12);
        String timestamp = Long.toString(event.at().getEpochSecond());
        return new SignedRequest(
                event.kind().scriptName(),
                Map.of(
                        "Content-Type",
                        "application/json",
                        "svix-id",
                        id,
                        "svix-timestamp",
                        timestamp,
                        "svix-signature",
                        "v1," + signature(forged ? unknown : secret, id, timestamp, payload)),
                payload);
    }

    @Override
    public Map<String, String> keys() {
        return Map.of("secret", "whsec_" + Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public Optional<EventKind> magicAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.endsWith("@resend.dev")) {
            return Optional.empty();
        }
        String local = lower.substring(0, lower.indexOf('@')).replaceAll("\\+.*$", "");
        return switch (local) {
            case "delivered" -> Optional.of(EventKind.DELIVERED);
            case "bounced" -> Optional.of(EventKind.BOUNCE);
            case "complained" -> Optional.of(EventKind.COMPLAINT);
            default -> Optional.empty();
        };
    }

    static String signature(byte[] key, String id, String timestamp, byte[] payload) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(payload, 0, signed, prefix.length, payload.length);
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, signed));
    }
}
