package dev.postern.sim.postmark;

import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /message-streams/{stream}/suppressions/dump}: the seeded list as {@code {"Suppressions":
 * [{"EmailAddress", "SuppressionReason": "HardBounce"|"SpamComplaint", "Origin": "Recipient",
 * "CreatedAt"}]}}, the same for every stream.
 */
final class PostmarkSuppressionDump {
    private PostmarkSuppressionDump() {}

    static boolean handles(SimRequest request) {
        return request.path().startsWith("/message-streams/") && request.path().endsWith("/suppressions/dump");
    }

    static SimResponse serve(SimRequest request, SeededSuppressions list) {
        if (!request.method().equals("GET")) {
            return SimResponse.json(405, Map.of("ErrorCode", 0, "Message", "method not allowed"));
        }
        List<Map<String, Object>> entries = list.all().stream()
                .map(e -> {
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("EmailAddress", e.address());
                    node.put(
                            "SuppressionReason",
                            e.kind() == SeededSuppressions.Kind.BOUNCE ? "HardBounce" : "SpamComplaint");
                    node.put("Origin", "Recipient");
                    node.put("CreatedAt", e.created().atOffset(ZoneOffset.UTC).toString());
                    return node;
                })
                .toList();
        return SimResponse.json(200, Map.of("Suppressions", entries));
    }
}
