package dev.postern.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.webhook.Details;
import dev.postern.provider.webhook.WebhookJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads one event of Postern's own format. Postern's format is strict where a provider's is not:
 * the sender is a service written against docs/events.md, so a missing field is a bug to report
 * ({@link Read.Invalid}, answered 400 naming it) rather than an event to guess at. Only an unknown
 * {@code type} is skipped, so that senders may add types before Postern knows them.
 */
final class HttpEvents {
    private HttpEvents() {}

    /** What one event gave. */
    sealed interface Read {
        record Event(DeliveryEvent event) implements Read {}

        record Skipped() implements Read {}

        record Invalid(String reason) implements Read {}
    }

    static Read read(JsonNode event, String path, Instant receivedAt) {
        if (!event.isObject()) {
            return new Read.Invalid(path + " must be a JSON object");
        }
        Optional<String> id = WebhookJson.text(event, "id");
        Optional<String> typeName = WebhookJson.text(event, "type");
        Optional<String> recipient = WebhookJson.text(event, "recipient");
        if (id.isEmpty() || typeName.isEmpty() || recipient.isEmpty()) {
            return new Read.Invalid(path + " must have id, type and recipient");
        }
        Optional<DeliveryEventType> type = Arrays.stream(DeliveryEventType.values())
                .filter(t -> t.wireName().equals(typeName.get()))
                .findFirst();
        if (type.isEmpty()) {
            return new Read.Skipped();
        }
        Optional<BounceKind> bounce = Arrays.stream(BounceKind.values())
                .filter(b ->
                        b.wireName().equals(WebhookJson.text(event, "bounce").orElse("")))
                .findFirst();
        boolean bounced = type.get() == DeliveryEventType.BOUNCED;
        if (bounced && bounce.isEmpty()) {
            return new Read.Invalid(path + ".bounce must be hard or soft for a bounced event");
        }
        Optional<String> at = WebhookJson.text(event, "at");
        Optional<Instant> occurredAt = at.flatMap(HttpEvents::instant);
        if (at.isPresent() && occurredAt.isEmpty()) {
            return new Read.Invalid(path + ".at must be an ISO-8601 time with an offset, like 2026-12-06T20:00:00Z");
        }
        return new Read.Event(new DeliveryEvent(
                id.get(),
                type.get(),
                recipient.get(),
                WebhookJson.text(event, "postern_id"),
                WebhookJson.text(event, "provider_message_id"),
                occurredAt.orElse(receivedAt),
                bounced ? bounce : Optional.empty(),
                Details.of(WebhookJson.text(event, "detail").orElse(""))));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
