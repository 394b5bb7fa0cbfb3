package dev.postern.provider.resend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.transport.Correlation;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one verified Resend webhook body ({@code {"type", "created_at", "data": {"email_id", "to",
 * "tags", "bounce", …}}}, resend.com/docs/dashboard/webhooks/body-parameters) into one event per
 * recipient in {@code data.to}. Types other than the email events below (e.g. {@code email.sent},
 * {@code contact.*}, {@code domain.*}) are verified and skipped.
 */
final class ResendEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResendEvents() {}

    /** The events of {@code body}, or Malformed; {@code signedAt} dates an event without {@code created_at}. */
    static WebhookOutcome read(String svixId, byte[] body, Instant signedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new WebhookOutcome.Malformed("body is not JSON");
        }
        if (root == null || !root.path("type").isTextual()) {
            return new WebhookOutcome.Malformed("body has no \"type\"");
        }
        Optional<DeliveryEventType> type = type(root.path("type").asText());
        if (type.isEmpty()) {
            return new WebhookOutcome.Events(List.of());
        }
        JsonNode data = root.path("data");
        JsonNode to = data.path("to");
        if (!to.isArray() || to.isEmpty()) {
            return new WebhookOutcome.Malformed("data.to must list the recipients");
        }
        Optional<Instant> occurredAt = time(root.path("created_at"));
        if (occurredAt.isEmpty() && !root.path("created_at").isMissingNode()) {
            return new WebhookOutcome.Malformed("created_at is not an ISO 8601 time");
        }
        Optional<BounceKind> bounce = type.get() == DeliveryEventType.BOUNCED
                ? Optional.of(bounceKind(data.path("bounce")))
                : Optional.empty();
        Optional<String> emailId = text(data.path("email_id"));
        Optional<String> posternId = posternId(data.path("tags"));
        String detail = detail(data);
        List<DeliveryEvent> events = new ArrayList<>();
        for (JsonNode recipient : to) {
            if (!recipient.isTextual() || recipient.asText().isBlank()) {
                return new WebhookOutcome.Malformed("data.to must hold addresses");
            }
            // one id per recipient, so that storing the first does not make the others look like replays
            String eventId = to.size() == 1 ? svixId : svixId + ":" + recipient.asText();
            events.add(new DeliveryEvent(
                    eventId,
                    type.get(),
                    recipient.asText(),
                    posternId,
                    emailId,
                    occurredAt.orElse(signedAt),
                    bounce,
                    detail));
        }
        return new WebhookOutcome.Events(events);
    }

    static Optional<DeliveryEventType> type(String type) {
        return Optional.ofNullable(
                switch (type) {
                    case "email.delivered" -> DeliveryEventType.DELIVERED;
                    case "email.bounced" -> DeliveryEventType.BOUNCED;
                    case "email.complained" -> DeliveryEventType.COMPLAINED;
                    case "email.delivery_delayed" -> DeliveryEventType.DEFERRED;
                    case "email.opened" -> DeliveryEventType.OPENED;
                    case "email.clicked" -> DeliveryEventType.CLICKED;
                    default -> null;
                });
    }

    /**
     * {@code bounce.type}: Permanent is hard; Transient and Undetermined are soft (the SES
     * vocabulary Resend passes on). Without one, hard: Resend sends {@code email.bounced} when the
     * receiving server "permanently rejected the email".
     */
    static BounceKind bounceKind(JsonNode bounce) {
        String kind = bounce.path("type").asText("");
        return kind.equalsIgnoreCase("Transient") || kind.equalsIgnoreCase("Undetermined")
                ? BounceKind.SOFT
                : BounceKind.HARD;
    }

    /** Postern's id from {@code tags}, which Resend shows as an object or as {@code [{name, value}]}. */
    private static Optional<String> posternId(JsonNode tags) {
        if (tags.isObject()) {
            return text(tags.path(Correlation.METADATA_KEY));
        }
        for (JsonNode tag : tags) {
            if (Correlation.METADATA_KEY.equals(tag.path("name").asText())) {
                return text(tag.path("value"));
            }
        }
        return Optional.empty();
    }

    private static String detail(JsonNode data) {
        JsonNode bounce = data.path("bounce");
        if (bounce.path("message").isTextual()) {
            return bounce.path("message").asText();
        }
        JsonNode diagnostic = bounce.path("diagnosticCode");
        if (diagnostic.isArray()) {
            List<String> lines = new ArrayList<>();
            diagnostic.forEach(line -> lines.add(line.asText()));
            return String.join("; ", lines);
        }
        return data.path("click").path("link").asText("");
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Instant> time(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
