package dev.postern.sim.sendgrid;

import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v3/suppression/bounces} and {@code /v3/suppression/spam_reports}: the seeded list as
 * a JSON array of {@code {"created": unix seconds, "email", "reason", "status"}} (spam reports
 * {@code {"created", "email", "ip"}}), paged by {@code limit} (default and most 500) and {@code offset}.
 */
final class SendGridSuppressionList {
    static final String BOUNCES = "/v3/suppression/bounces";
    static final String SPAM_REPORTS = "/v3/suppression/spam_reports";
    private static final int MAX_LIMIT = 500;

    private SendGridSuppressionList() {}

    static boolean handles(SimRequest request) {
        return request.path().equals(BOUNCES) || request.path().equals(SPAM_REPORTS);
    }

    static SimResponse serve(SimRequest request, SeededSuppressions list) {
        if (!request.method().equals("GET")) {
            return SimResponse.json(405, Map.of("errors", List.of(SendGridError.of("method not allowed"))));
        }
        boolean bounces = request.path().equals(BOUNCES);
        int limit = number(request.query().get("limit"), MAX_LIMIT);
        int offset = number(request.query().get("offset"), 0);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return SimResponse.json(400, Map.of("errors", List.of(SendGridError.of("invalid limit or offset"))));
        }
        List<SeededSuppressions.Entry> entries =
                list.of(bounces ? SeededSuppressions.Kind.BOUNCE : SeededSuppressions.Kind.COMPLAINT);
        List<Map<String, Object>> page = entries.stream()
                .skip(offset)
                .limit(limit)
                .map(e -> entry(e, bounces))
                .toList();
        return SimResponse.json(200, page);
    }

    private static Map<String, Object> entry(SeededSuppressions.Entry e, boolean bounce) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("created", e.created().getEpochSecond());
        node.put("email", e.address());
        if (bounce) {
            node.put("reason", e.detail());
            node.put("status", "5.1.1");
        } else {
            node.put("ip", "10.63.202.100");
        }
        return node;
    }

    private static int number(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
