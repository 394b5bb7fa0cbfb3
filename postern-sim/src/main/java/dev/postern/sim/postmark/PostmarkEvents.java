package dev.postern.sim.postmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.OutgoingEvent;
import dev.postern.sim.events.SignedRequest;
import dev.postern.sim.events.WebhookFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Postmark's webhooks: one JSON record per request, {@code RecordType} {@code Delivery}, {@code
 * Bounce} ({@code Type} {@code HardBounce}/{@code SoftBounce} with its {@code TypeCode}) or {@code
 * SpamComplaint}, with the message's {@code Metadata}. Postmark signs nothing: a receiver
 * authenticates by the Basic-auth credentials written into the webhook URL ({@code
 * https://user:pass@host/…}), which the sender turns into an {@code Authorization} header.
 *
 * <p>Addresses at {@code bounce-testing.postmarkapp.com} bounce, as Postmark's black-hole domain does
 * (https://postmarkapp.com/developer/user-guide/sandbox-mode/generate-fake-bounces): hard by default,
 * soft for {@code softbounce@}, {@code transient@} and {@code dnserror@}.
 */
final class PostmarkEvents implements WebhookFormat {
    static final String BOUNCE_TESTING = "@bounce-testing.postmarkapp.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERVER_ID = 4025;

    private final AtomicLong bounceIds = new AtomicLong(4_000_000_000L);

    @Override
    public SignedRequest request(OutgoingEvent event, boolean forged) {
        // forged: the sender spoils the URL's Basic-auth password; Postmark has no other signature
        ObjectNode node = JSON.createObjectNode();
        String at = event.at().toString();
        switch (event.kind()) {
            case DELIVERED ->
                node.put("RecordType", "Delivery")
                        .put("ServerID", SERVER_ID)
                        .put("MessageStream", "outbound")
                        .put("MessageID", event.message().providerMessageId())
                        .put("Recipient", event.recipient())
                        .put("DeliveredAt", at)
                        .put("Details", "smtp;250 2.0.0 OK");
            case BOUNCE ->
                bounce(node, event, "Bounce", "HardBounce", 1, "Hard bounce", true)
                        .put("Details", "smtp;550 5.1.1 The email account that you tried to reach does not exist");
            case SOFT_BOUNCE ->
                bounce(node, event, "Bounce", "SoftBounce", 4096, "Soft bounce/Undeliverable", false)
                        .put("Details", "smtp;452 4.2.2 The email account that you tried to reach is over quota");
            case COMPLAINT ->
                bounce(node, event, "SpamComplaint", "SpamComplaint", 512, "Spam complaint", true)
                        .put("Details", "");
        }
        if (!event.message().tags().isEmpty()) {
            node.put("Tag", event.message().tags().get(0));
        }
        ObjectNode metadata = node.putObject("Metadata");
        event.message().metadata().forEach(metadata::put);
        return new SignedRequest(
                event.kind().scriptName(),
                Map.of("Content-Type", "application/json"),
                node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode bounce(
            ObjectNode node, OutgoingEvent event, String record, String type, int code, String name, boolean inactive) {
        return node.put("RecordType", record)
                .put("ID", bounceIds.incrementAndGet())
                .put("Type", type)
                .put("TypeCode", code)
                .put("Name", name)
                .put("MessageID", event.message().providerMessageId())
                .put("ServerID", SERVER_ID)
                .put("MessageStream", "outbound")
                .put("Description", name + ".")
                .put("Email", event.recipient())
                .put("From", event.message().from())
                .put("BouncedAt", event.at().toString())
                .put("DumpAvailable", false)
                .put("Inactive", inactive)
                .put("CanActivate", true)
                .put("Subject", event.message().subject());
    }

    @Override
    public Map<String, String> keys() {
        return Map.of(); // the credentials are the ones in the webhook URL
    }

    @Override
    public Optional<EventKind> magicAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(BOUNCE_TESTING)) {
            return Optional.empty();
        }
        String type = lower.substring(0, lower.indexOf('@')).replace("_", "");
        return Optional.of(
                switch (type) {
                    case "softbounce", "transient", "dnserror" -> EventKind.SOFT_BOUNCE;
                    default -> EventKind.BOUNCE;
                });
    }
}
