package dev.postern.provider.webhook;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a verified webhook body as JSON, within bounds: a body over {@link #MAX_BODY_BYTES} is
 * refused before any parsing, and nesting is capped, so a provider's (or an attacker's) body costs
 * at most a bounded amount of memory.
 */
public final class WebhookJson {
    /** The largest body read: far above any provider's batch (SendGrid's are a few hundred kB at most). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    // decimals stay exact: Mailgun's timestamps carry microseconds a double would blur
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static {
        // Provider payloads nest a few levels; a deep document is an attack on the stack, not an event.
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private WebhookJson() {}

    /** What reading a body gave: its JSON tree, or why there is none. */
    public sealed interface Body {
        record Read(JsonNode json) implements Body {}

        /** Not readable; {@code reason} is safe to show (it quotes none of the body). */
        record Unreadable(String reason) implements Body {}
    }

    /** Whether {@code body} is over {@link #MAX_BODY_BYTES}: checked before anything reads it. */
    public static boolean tooLarge(byte[] body) {
        return body.length > MAX_BODY_BYTES;
    }

    /** {@code body} as JSON, or why not. */
    public static Body read(byte[] body) {
        if (tooLarge(body)) {
            return new Body.Unreadable("the body is over " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json == null || json.isMissingNode()
                    ? new Body.Unreadable("the body is empty")
                    : new Body.Read(json);
        } catch (IOException e) {
            return new Body.Unreadable("the body is not JSON");
        }
    }

    /** The non-blank text (or number, as text) at {@code field} of {@code node}. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isTextual() || value.isNumber()) {
            String text = value.asText().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }
}
