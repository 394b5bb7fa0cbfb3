package dev.postern.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer a simulator sends: status, headers and body bytes. */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SimResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON answer; {@code body} is any value Jackson can write (a Map, a record, a JsonNode). */
    public static SimResponse json(int status, Object body) {
        try {
            return new SimResponse(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    public static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0]);
    }

    /** This answer with one more header. */
    public SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body);
    }
}
