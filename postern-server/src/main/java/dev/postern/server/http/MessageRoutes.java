package dev.postern.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Email;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.outbox.store.Accepted;
import dev.postern.outbox.store.AttemptView;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.RecipientView;
import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.Capabilities;
import dev.postern.server.auth.ApiKey;
import dev.postern.server.auth.Scope;
import dev.postern.server.config.Carriers;
import dev.postern.server.events.RecipientEvents;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/messages}, {@code POST /v1/messages/batch}, {@code GET /v1/messages/{id}} and
 * {@code GET /v1/messages?to=} (search by recipient).
 */
final class MessageRoutes {
    static final int MAX_BATCH = 500;
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_SEARCH = 50;
    // enough for every recipient of a typical message to show its last RecipientEvents.PER_RECIPIENT
    private static final int MESSAGE_EVENTS = 500;
    private static final int MAX_ADDRESS_LENGTH = 320;

    private final Outbox outbox;
    private final Carriers carriers;
    private final Bodies bodies;
    private final SuppressionCheck suppressions;

    MessageRoutes(Outbox outbox, Map<String, Capabilities> capabilities, Bodies bodies) {
        this(outbox, capabilities, bodies, SuppressionCheck.SKIP);
    }

    MessageRoutes(Outbox outbox, Map<String, Capabilities> capabilities, Bodies bodies, SuppressionCheck suppressions) {
        this.outbox = outbox;
        this.carriers = new Carriers(capabilities);
        this.bodies = bodies;
        this.suppressions = suppressions;
    }

    void send(Context ctx) {
        ApiKey key = Authenticator.require(ctx, Scope.SEND);
        requireJson(ctx);
        String idempotencyKey = idempotencyKey(ctx);
        // the body's bytes stay in the budget until the message is stored: parsing and storing are
        // where a body costs most of its memory
        try (Bodies.Body body = bodies.read(ctx)) {
            Email email = MessageReader.read(Json.parse(body.takeBytes()));
            Accepted accepted = accept(key, email, idempotencyKey);
            if (!accepted.created()) {
                ctx.header("Idempotent-Replayed", "true");
            }
            Json.write(ctx, 202, queued(accepted.id()));
        }
    }

    void batch(Context ctx) {
        ApiKey key = Authenticator.require(ctx, Scope.SEND);
        requireJson(ctx);
        String idempotencyKey = idempotencyKey(ctx);
        try (Bodies.Body bytes = bodies.read(ctx)) {
            batch(ctx, key, idempotencyKey, Json.parse(bytes.takeBytes()));
        }
    }

    private void batch(Context ctx, ApiKey key, String idempotencyKey, JsonNode body) {
        if (!body.isObject()) {
            throw ApiError.invalidField(null, "the body must be a JSON object {\"messages\": [...]}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("messages")) {
                throw ApiError.invalidField(name, "unknown field '" + name + "'");
            }
        });
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw ApiError.invalidField("messages", "messages must be a list of messages");
        }
        if (messages.isEmpty() || messages.size() > MAX_BATCH) {
            throw ApiError.invalidField(
                    "messages", "messages must hold 1 to " + MAX_BATCH + " messages, but held " + messages.size());
        }
        ArrayNode results = Json.MAPPER.createArrayNode();
        int queued = 0;
        for (int i = 0; i < messages.size(); i++) {
            try {
                if (!messages.get(i).isObject()) {
                    throw ApiError.invalidField("messages[" + i + "]", "messages[" + i + "] must be a JSON object");
                }
                Email email = MessageReader.read(messages.get(i));
                String itemKey = idempotencyKey == null ? null : idempotencyKey + "/" + i;
                results.add(queued(accept(key, email, itemKey).id()));
                queued++;
            } catch (ApiError e) {
                if (queued == 0 && e.status >= 500 && i == 0) {
                    throw e; // nothing stored: the whole batch may be retried as it is
                }
                results.add(Json.error(e.code, e.getMessage(), e.field));
            }
        }
        ObjectNode answer = Json.object();
        answer.set("results", results);
        Json.write(ctx, 200, answer);
    }

    void find(Context ctx) {
        ApiKey key = Authenticator.any(ctx);
        String id = ctx.pathParam("id");
        Optional<MessageView> view;
        try {
            view = outbox.find(id).filter(v -> mayRead(key, v));
        } catch (OutboxUnavailableException e) {
            throw unavailable(e);
        }
        // Another key's message is answered as one that does not exist: a key learns nothing of others' ids.
        MessageView found = view.orElseThrow(() -> ApiError.notFound("no message with id " + id));
        Json.write(ctx, 200, toJson(found, eventsOf(found)));
    }

    /**
     * An admin key reads every message; any other key the messages it sent, and those stored before
     * messages recorded their submitter (which every key could read then).
     */
    private static boolean mayRead(ApiKey key, MessageView view) {
        return key.has(Scope.ADMIN)
                || view.submitter().equals(key.submitter())
                || view.submitter().unscoped();
    }

    /**
     * {@code GET /v1/messages?to=ADDRESS&limit=N}: the newest messages to one recipient among the
     * latest {@link Outbox#RECIPIENT_SCAN}. Admin only: unlike a lookup by id, it shows mail that
     * other keys sent.
     */
    void search(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        String to = ctx.queryParam("to");
        if (to == null || to.isBlank() || to.length() > MAX_ADDRESS_LENGTH || !to.contains("@")) {
            throw ApiError.invalidField("to", "to must be the recipient's address, such as ada@example.com");
        }
        int limit = searchLimit(ctx.queryParam("limit"));
        List<MessageView> found;
        try {
            found = outbox.findByRecipient(to, limit);
        } catch (OutboxUnavailableException e) {
            throw unavailable(e);
        }
        ObjectNode answer = Json.object();
        ArrayNode messages = answer.putArray("messages");
        found.forEach(view -> messages.add(toJson(view, eventsOf(view))));
        Json.write(ctx, 200, answer);
    }

    private static int searchLimit(String text) {
        if (text == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_SEARCH) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidField("limit", "limit must be a number in 1.." + MAX_SEARCH);
    }

    private Accepted accept(ApiKey key, Email email, String idempotencyKey) {
        Authenticator.checkSender(key, email);
        checkCarriable(email);
        suppressions.check(email);
        try {
            return outbox.accept(email, key.submitter(), idempotencyKey);
        } catch (OutboxUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** 422 when no configured provider could ever take the message (too large, too many recipients, cc). */
    private void checkCarriable(Email email) {
        Optional<String> refusal = carriers.refusal(email);
        if (refusal.isPresent()) {
            throw new ApiError(
                    422,
                    "no_provider_can_carry",
                    "no configured provider can carry this message (" + refusal.get() + ")",
                    null,
                    null);
        }
    }

    static ApiError unavailable(OutboxUnavailableException e) {
        return switch (e.reason()) {
            case FULL ->
                new ApiError(429, "backpressure", "the outbox is full; retry later", null, Duration.ofSeconds(5));
            case STORE_UNAVAILABLE ->
                new ApiError(
                        503,
                        "store_unavailable",
                        "the message could not be stored; it was not accepted, retry",
                        null,
                        Duration.ofSeconds(5));
            case CLOSED ->
                new ApiError(503, "shutting_down", "this gateway is shutting down; retry", null, Duration.ofSeconds(1));
        };
    }

    /**
     * 415 naming {@code Content-Type} unless the body is declared JSON ({@code application/json} or
     * a {@code +json} type, in UTF-8). No header at all is taken as JSON, as curl users forget it.
     */
    private static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return;
        }
        String[] parts = type.split(";");
        String media = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
        boolean json =
                media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
        boolean utf8 = true;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
            if (p.startsWith("charset=")) {
                String charset = p.substring(8).replace("\"", "");
                utf8 = charset.equals("utf-8") || charset.equals("utf8");
            }
        }
        if (!json || !utf8) {
            throw new ApiError(
                    415,
                    "unsupported_media_type",
                    "send the message as Content-Type: application/json (UTF-8)",
                    "Content-Type",
                    null);
        }
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.matches("[\\x21-\\x7e]+")) {
            throw ApiError.invalidField(
                    "Idempotency-Key",
                    "the Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    private static ObjectNode queued(String id) {
        return Json.object().put("id", id).put("status", "queued");
    }

    /** The message's delivery events; a store that cannot be read now is answered 503, as for the message. */
    private RecipientEvents eventsOf(MessageView view) {
        try {
            return new RecipientEvents(outbox.events().messageEvents(view.id(), MESSAGE_EVENTS));
        } catch (StoreException e) {
            throw new ApiError(503, "store_unavailable", "the store cannot be read now; retry", null, null);
        }
    }

    static ObjectNode toJson(MessageView view, RecipientEvents events) {
        ObjectNode node = Json.object();
        node.put("id", view.id());
        node.put("status", events.status(view.status(), view.recipients()));
        node.put("provider", view.provider().orElse(null));
        node.put("provider_message_id", view.providerMessageId().orElse(null));
        node.put("created_at", Json.instant(view.createdAt()));
        node.put("delivered_at", Json.instant(view.deliveredAt()));
        // Why it stands where it does: "suppressed" for a message whose recipients are all suppressed.
        node.put("detail", view.detail());
        ArrayNode attempts = node.putArray("attempts");
        for (AttemptView a : view.attempts()) {
            ObjectNode attempt = attempts.addObject();
            attempt.put("provider", a.provider());
            attempt.put("started_at", Json.instant(a.startedAt()));
            attempt.put("latency_ms", a.latencyMs());
            attempt.put("outcome", a.outcome());
            attempt.put("detail", a.detail());
            ArrayNode degraded = attempt.putArray("degraded");
            a.degraded().forEach(degraded::add);
            attempt.put("ambiguous", a.ambiguous());
            attempt.put("possible_duplicate", a.possibleDuplicate());
        }
        ArrayNode recipients = node.putArray("recipients");
        for (RecipientView r : view.recipients()) {
            ObjectNode recipient = recipients.addObject();
            recipient.put("address", r.address());
            recipient.put("status", r.status().wireName());
            recipient.put("provider", r.provider().orElse(null));
            recipient.put("provider_message_id", r.providerMessageId().orElse(null));
            recipient.put("detail", r.detail());
            ArrayNode list = recipient.putArray("events");
            for (StoredEvent e : events.of(r.address())) {
                ObjectNode event = list.addObject();
                event.put("type", e.type().wireName());
                event.put("at", Json.instant(e.occurredAt()));
                e.bounce().ifPresent(b -> event.put("bounce", b.wireName()));
                event.put("detail", e.detail());
                event.put("provider", e.provider());
            }
        }
        return node;
    }
}
