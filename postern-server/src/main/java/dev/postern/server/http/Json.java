package dev.postern.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The API's JSON: strict reading (duplicate keys and anything after the one value refused) and the
 * error shape.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Bodies are cut at server.http.max_request_bytes (an int) before they are parsed,
                    // so no string can be longer; Jackson's own 20,000,000-character cap would refuse
                    // the base64 of attachments the size limit allows.
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A second object after the first would otherwise be ignored unseen: {…} {"from": …}.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; malformed JSON is a 400 naming where it broke. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badRequest("invalid_json", null, "the request body is empty; send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("invalid_json", null, "the request body is empty; send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("");
            if (reason.startsWith("Trailing token")) {
                // Jackson's wording names its own feature; say what the client did instead.
                reason = "more follows the JSON value; send exactly one JSON value";
            }
            throw ApiError.badRequest("invalid_json", null, "the body is not valid JSON" + where + ": " + reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode error(String code, String message, String field) {
        ObjectNode root = object();
        root.putObject("error").put("code", code).put("message", message).put("field", field);
        return root;
    }

    static String instant(Instant at) {
        return at.toString();
    }

    static String instant(Optional<Instant> at) {
        return at.map(Instant::toString).orElse(null);
    }
}
