package dev.postern.sim.sendgrid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.OutgoingEvent;
import dev.postern.sim.events.SignedRequest;
import dev.postern.sim.events.WebhookFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

/**
 * SendGrid's Signed Event Webhook: a JSON array of events (here one per request) with the
 * message's {@code custom_args} flattened into each event, signed ECDSA P-256 over timestamp +
 * payload, the base64 DER signature in {@code X-Twilio-Email-Event-Webhook-Signature} and the
 * timestamp in {@code X-Twilio-Email-Event-Webhook-Timestamp}. The public key is shown as SendGrid's
 * console shows it: base64 of the X.509 SubjectPublicKeyInfo.
 *
 * <p>Field names follow https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
 * (a soft bounce is a {@code bounce} of {@code type} {@code blocked}) and the signature
 * https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features.
 */
final class SendGridEvents implements WebhookFormat {
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys = generate();
    private final KeyPair unknown = generate();

    @Override
    public SignedRequest request(OutgoingEvent event, boolean forged) {
        ObjectNode node = JSON.createObjectNode();
        node.put("email", event.recipient());
        node.put("timestamp", event.at().getEpochSecond());
        node.put("smtp-id", "<" + event.message().providerMessageId() + "@sgsim>");
        node.put("sg_event_id", event.eventId());
        node.put("sg_message_id", event.message().providerMessageId() + ".filter0001.sim.0");
        switch (event.kind()) {
            case DELIVERED -> node.put("event", "delivered").put("response", "250 OK");
            case BOUNCE ->
                node.put("event", "bounce")
                        .put("type", "bounce")
                        .put("status", "5.1.1")
                        .put("reason", "550 5.1.1 The email account that you tried to reach does not exist");
            case SOFT_BOUNCE ->
                node.put("event", "bounce")
                        .put("type", "blocked")
                        .put("status", "4.2.2")
                        .put("reason", "452 4.2.2 The email account that you tried to reach is over quota");
            case COMPLAINT -> node.put("event", "spamreport");
        }
        if (!event.message().tags().isEmpty()) {
            event.message().tags().forEach(node.withArray("category")::add);
        }
        // custom_args arrive flattened into the event, as SendGrid sends unique arguments
        event.message().metadata().forEach((k, v) -> {
            if (!node.has(k)) {
                node.put(k, v);
            }
        });
        byte[] payload = JSON.createArrayNode().add(node).toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(event.at().getEpochSecond());
        String signature = sign(forged ? unknown : keys, timestamp, payload);
        return new SignedRequest(
                event.kind().scriptName(),
                Map.of("Content-Type", "application/json", SIGNATURE, signature, TIMESTAMP, timestamp),
                payload);
    }

    @Override
    public Map<String, String> keys() {
        return Map.of(
                "public_key",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    static String sign(KeyPair keys, String timestamp, byte[] payload) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA"); // DER-encoded (r, s), as SendGrid's
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(payload);
            return Base64.getEncoder().encodeToString(ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is part of every JDK", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }
}
