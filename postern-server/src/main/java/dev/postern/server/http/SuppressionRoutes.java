package dev.postern.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.Suppression;
import dev.postern.outbox.store.SuppressionPage;
import dev.postern.outbox.store.Suppressions;
import dev.postern.server.auth.Scope;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;

/**
 * The suppression list, admin only: {@code GET /v1/suppressions?limit=&after=&q=} (newest first;
 * {@code q} an address prefix), {@code POST /v1/suppressions} {@code {"address", "reason"?,
 * "detail"?}} (201 added, 200 already listed, unchanged) and {@code DELETE
 * /v1/suppressions/{address}} (204, or 404 when it is not listed).
 */
final class SuppressionRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_ADDRESS_LENGTH = 320;
    private static final Set<String> FIELDS = Set.of("address", "reason", "detail");

    private final Outbox outbox;
    private final Bodies bodies;
    private final InstantSource time;

    SuppressionRoutes(Outbox outbox, Bodies bodies, InstantSource time) {
        this.outbox = outbox;
        this.bodies = bodies;
        this.time = time;
    }

    void list(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        int limit = limit(ctx.queryParam("limit"));
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after")).filter(a -> !a.isEmpty());
        String prefix = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        if (prefix.length() > MAX_ADDRESS_LENGTH) {
            throw ApiError.invalidField("q", "q must be at most " + MAX_ADDRESS_LENGTH + " characters");
        }
        SuppressionPage page;
        try {
            page = list().list(limit, after, prefix);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidField("after", "after must be the next value of an earlier page");
        }
        ObjectNode answer = Json.object();
        ArrayNode entries = answer.putArray("suppressions");
        page.entries().forEach(s -> entries.add(toJson(s)));
        answer.put("next", page.next().orElse(null));
        Json.write(ctx, 200, answer);
    }

    void add(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        JsonNode body;
        try (Bodies.Body bytes = bodies.read(ctx)) {
            body = Json.parse(bytes.takeBytes());
        }
        if (!body.isObject()) {
            throw ApiError.invalidField(null, "the body must be a JSON object {\"address\", \"reason\", \"detail\"}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ApiError.invalidField(name, "unknown field '" + name + "'");
            }
        });
        String address = address(body.path("address"));
        String reason = text(body, "reason", Suppression.MANUAL, 64);
        String detail = text(body, "detail", "", Suppression.MAX_DETAIL);
        Suppression entry = new Suppression(address, reason, Optional.empty(), detail, time.instant());
        Suppression stored;
        boolean added;
        try {
            added = list().add(entry);
            stored = added ? entry : list().find(address).orElse(entry);
        } catch (StoreException e) {
            throw storeUnavailable();
        }
        Json.write(ctx, added ? 201 : 200, toJson(stored));
    }

    void remove(Context ctx) {
        Authenticator.require(ctx, Scope.ADMIN);
        String address = ctx.pathParam("address");
        boolean removed;
        try {
            removed = list().remove(address);
        } catch (StoreException e) {
            throw storeUnavailable();
        }
        if (!removed) {
            throw ApiError.notFound("the address is not on the suppression list");
        }
        ctx.status(204);
    }

    private Suppressions list() {
        return outbox.suppressions();
    }

    static ObjectNode toJson(Suppression s) {
        ObjectNode node = Json.object();
        node.put("address", s.address());
        node.put("reason", s.reason());
        node.put("provider", s.provider().orElse(null));
        node.put("detail", s.detail());
        node.put("created_at", Json.instant(s.createdAt()));
        return node;
    }

    /** The project's address syntax ({@link Address}), so the list holds only addresses Postern could send to. */
    private static String address(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiError.invalidField("address", "address is required: the email address to suppress");
        }
        String text = node.asText();
        if (text.length() > MAX_ADDRESS_LENGTH) {
            throw ApiError.invalidField("address", "address must be at most " + MAX_ADDRESS_LENGTH + " characters");
        }
        try {
            return Address.of(text.strip()).email();
        } catch (InvalidEmailException e) {
            throw ApiError.invalidField(
                    "address",
                    "address is not a valid email address: "
                            + e.problems().getFirst().message());
        }
    }

    private static String text(JsonNode body, String field, String fallback, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()
                || node.asText().length() > max
                || (field.equals("reason") && node.asText().isBlank())) {
            throw ApiError.invalidField(
                    field,
                    field + " must be a string of " + (field.equals("reason") ? 1 : 0) + ".." + max + " characters");
        }
        // A reason or detail is shown in message views and logs: no line breaks into either.
        if (node.asText().chars().anyMatch(c -> c < 0x20)) {
            throw ApiError.invalidField(field, field + " must not contain control characters or line breaks");
        }
        return node.asText();
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= Suppressions.MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidField("limit", "limit must be a number in 1.." + Suppressions.MAX_PAGE);
    }

    private static ApiError storeUnavailable() {
        return new ApiError(
                503,
                "store_unavailable",
                "the suppression list could not be reached; retry",
                null,
                Duration.ofSeconds(5));
    }
}
