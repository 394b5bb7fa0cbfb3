package dev.postern.sim.mailgun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.Hmac;
import dev.postern.sim.events.OutgoingEvent;
import dev.postern.sim.events.SignedRequest;
import dev.postern.sim.events.WebhookFormat;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * Mailgun's webhooks: {@code {"signature": {"timestamp", "token", "signature"}, "event-data": {…}}},
 * where {@code signature} is the hex HMAC-SHA256 of timestamp + token under the HTTP webhook signing
 * key. Event data as in https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads:
 * {@code delivered}, {@code failed} with {@code severity} {@code permanent} (hard bounce) or {@code
 * temporary} (soft), {@code complained}; {@code user-variables} echo the message's {@code v:} variables.
 * The message id is the one the send answered, without its angle brackets, as Mailgun's events show it.
 */
final class MailgunEvents implements WebhookFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String signingKey = Hmac.randomHex(16);
    private final String unknownKey = Hmac.randomHex(16);

    @Override
    public SignedRequest request(OutgoingEvent event, boolean forged) {
        ObjectNode data = JSON.createObjectNode();
        data.put("id", event.eventId());
        data.put("timestamp", BigDecimal.valueOf(event.at().toEpochMilli()).movePointLeft(3));
        switch (event.kind()) {
            case DELIVERED -> data.put("event", "delivered").put("log-level", "info");
            case BOUNCE ->
                data.put("event", "failed")
                        .put("log-level", "error")
                        .put("severity", "permanent")
                        .put("reason", "bounce");
            case SOFT_BOUNCE ->
                data.put("event", "failed")
                        .put("log-level", "warn")
                        .put("severity", "temporary")
                        .put("reason", "generic");
            case COMPLAINT -> data.put("event", "complained").put("log-level", "warn");
        }
        data.put("recipient", event.recipient());
        data.put(
                "recipient-domain",
                event.recipient().substring(event.recipient().indexOf('@') + 1));
        ObjectNode headers = data.putObject("message").putObject("headers");
        headers.put("message-id", event.message().providerMessageId().replaceAll("^<|>$", ""));
        headers.put("from", event.message().from());
        headers.put("to", event.recipient());
        headers.put("subject", event.message().subject());
        ObjectNode status = data.putObject("delivery-status");
        switch (event.kind()) {
            case DELIVERED -> status.put("code", 250).put("message", "OK").put("description", "");
            case BOUNCE ->
                status.put("code", 550)
                        .put("message", "5.1.1 The email account that you tried to reach does not exist")
                        .put("description", "");
            case SOFT_BOUNCE ->
                status.put("code", 452)
                        .put("message", "4.2.2 The email account that you tried to reach is over quota")
                        .put("description", "");
            case COMPLAINT -> data.remove("delivery-status");
        }
        event.message().tags().forEach(data.withArray("tags")::add);
        ObjectNode variables = data.putObject("user-variables");
        event.message().metadata().forEach(variables::put);

        String timestamp = Long.toString(event.at().getEpochSecond());
        String token = Hmac.randomHex(25); // 50 hex characters, as Mailgun's tokens
        ObjectNode body = JSON.createObjectNode();
        body.putObject("signature")
                .put("timestamp", timestamp)
                .put("token", token)
                .put("signature", signature(forged ? unknownKey : signingKey, timestamp, token));
        body.set("event-data", data);
        return new SignedRequest(
                event.kind().scriptName(),
                Map.of("Content-Type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> keys() {
        return Map.of("signing_key", signingKey);
    }

    static String signature(String key, String timestamp, String token) {
        return HexFormat.of().formatHex(Hmac.sha256(key.getBytes(StandardCharsets.UTF_8), timestamp + token));
    }
}
