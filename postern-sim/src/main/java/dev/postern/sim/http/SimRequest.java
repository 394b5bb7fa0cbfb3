package dev.postern.sim.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a simulator received it.
 *
 * @param headers names compared without case
 * @param query decoded query parameters (first value of each)
 */
public record SimRequest(
        String method, String path, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {
    /** Reads any string a body can hold: Jackson's default stops at 20,000,000 characters. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(HttpSimulator.MAX_BODY_BYTES)
                            .build())
                    .build())
            .build();

    /** A header's first value, its name compared without case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    public Optional<String> bearerToken() {
        return header("Authorization").filter(v -> v.startsWith("Bearer ")).map(v -> v.substring(7));
    }

    /** The {@code user:password} of an {@code Authorization: Basic …} header, decoded. */
    public Optional<String> basicCredentials() {
        return header("Authorization").filter(v -> v.startsWith("Basic ")).flatMap(v -> {
            try {
                return Optional.of(
                        new String(Base64.getDecoder().decode(v.substring(6).strip()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The media type of the body, without parameters, in lower case; empty when absent. */
    public String mediaType() {
        return header("Content-Type")
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT))
                .orElse("");
    }

    /** The body parsed as JSON; throws {@link IOException} when it is not JSON. */
    public JsonNode json() throws IOException {
        return JSON.readTree(body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
