package dev.postern.provider.ses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.transport.Correlation;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the SES event an SNS {@code Notification} carries in {@code Message}: an event-publishing
 * record ({@code eventType}, from a configuration set's SNS event destination) or an identity
 * notification ({@code notificationType}), as documented in "Contents of event data that Amazon
 * SES publishes to Amazon SNS". One event per recipient; {@code Send}, {@code Reject}, {@code
 * Rendering Failure}, {@code Subscription} and unknown types are skipped.
 *
 * <p>The provider message id is {@code mail.messageId}, the id SES's {@code SendEmail} answered.
 * Postern's id is the {@code postern_id} tag (published by configuration sets) or, for identity
 * notifications, the {@code X-Postern-Id} header (present when "include original headers" is on).
 */
final class SesEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SesEvents() {}

    /** The events in {@code message}; {@code snsMessageId} prefixes their ids, {@code published} dates them when SES does not. */
    static WebhookOutcome read(String snsMessageId, String message, Instant published) {
        JsonNode event;
        try {
            event = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return new WebhookOutcome.Malformed("Message is not an SES event in JSON");
        }
        if (event == null || !event.isObject()) {
            return new WebhookOutcome.Malformed("Message is not an SES event in JSON");
        }
        String type =
                event.path("eventType").asText(event.path("notificationType").asText(""));
        JsonNode mail = event.path("mail");
        Context context = new Context(snsMessageId, text(mail.path("messageId")), posternId(mail), published);
        List<DeliveryEvent> events = new ArrayList<>();
        switch (type) {
            case "Delivery" -> {
                JsonNode delivery = event.path("delivery");
                for (JsonNode to : delivery.path("recipients")) {
                    events.add(context.event(
                            DeliveryEventType.DELIVERED,
                            to.asText(),
                            delivery,
                            Optional.empty(),
                            delivery.path("smtpResponse").asText("")));
                }
            }
            case "Bounce" -> {
                JsonNode bounce = event.path("bounce");
                BounceKind kind =
                        "Permanent".equals(bounce.path("bounceType").asText()) ? BounceKind.HARD : BounceKind.SOFT;
                for (JsonNode to : bounce.path("bouncedRecipients")) {
                    events.add(context.event(
                            DeliveryEventType.BOUNCED,
                            to.path("emailAddress").asText(),
                            bounce,
                            Optional.of(kind),
                            to.path("diagnosticCode")
                                    .asText(bounce.path("bounceSubType").asText(""))));
                }
            }
            case "Complaint" -> {
                JsonNode complaint = event.path("complaint");
                for (JsonNode to : complaint.path("complainedRecipients")) {
                    events.add(context.event(
                            DeliveryEventType.COMPLAINED,
                            to.path("emailAddress").asText(),
                            complaint,
                            Optional.empty(),
                            complaint.path("complaintFeedbackType").asText("")));
                }
            }
            case "DeliveryDelay" -> {
                JsonNode delay = event.path("deliveryDelay");
                for (JsonNode to : delay.path("delayedRecipients")) {
                    events.add(context.event(
                            DeliveryEventType.DEFERRED,
                            to.path("emailAddress").asText(),
                            delay,
                            Optional.empty(),
                            to.path("diagnosticCode")
                                    .asText(delay.path("delayType").asText(""))));
                }
            }
            // SES does not say which recipient opened or clicked: each of the message's is reported
            case "Open" ->
                mail.path("destination")
                        .forEach(to -> events.add(context.event(
                                DeliveryEventType.OPENED, to.asText(), event.path("open"), Optional.empty(), "")));
            case "Click" ->
                mail.path("destination")
                        .forEach(to -> events.add(context.event(
                                DeliveryEventType.CLICKED,
                                to.asText(),
                                event.path("click"),
                                Optional.empty(),
                                event.path("click").path("link").asText(""))));
            default -> {
                return new WebhookOutcome.Events(List.of());
            }
        }
        if (events.isEmpty() || events.stream().anyMatch(e -> e.recipient().isBlank())) {
            return new WebhookOutcome.Malformed(type + " event names no recipient");
        }
        return new WebhookOutcome.Events(events);
    }

    /** What every event of one SES record shares. */
    private record Context(
            String snsMessageId, Optional<String> sesMessageId, Optional<String> posternId, Instant published) {
        DeliveryEvent event(
                DeliveryEventType type, String recipient, JsonNode part, Optional<BounceKind> bounce, String detail) {
            // one SNS message may cover several recipients; each needs its own id to be stored
            return new DeliveryEvent(
                    snsMessageId + ":" + recipient,
                    type,
                    recipient,
                    posternId,
                    sesMessageId,
                    time(part.path("timestamp")).orElse(published),
                    bounce,
                    detail);
        }
    }

    private static Optional<String> posternId(JsonNode mail) {
        JsonNode tag = mail.path("tags").path(Correlation.METADATA_KEY).path(0);
        if (tag.isTextual() && !tag.asText().isBlank()) {
            return Optional.of(tag.asText());
        }
        for (JsonNode header : mail.path("headers")) {
            if (Correlation.HEADER.equalsIgnoreCase(header.path("name").asText())) {
                return text(header.path("value"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Instant> time(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
