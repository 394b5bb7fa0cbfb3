package dev.postern.sim.mailgun;

import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v3/{domain}/bounces} and {@code /v3/{domain}/complaints}: {@code {"items": [...],
 * "paging": {"first", "next", "previous", "last"}}}, {@code limit} at most 1000, the next page after
 * {@code page=next&address=<last address of this page>}; like Mailgun, {@code next} is always given
 * and the page after the last one is empty.
 */
final class MailgunSuppressionList {
    private static final int MAX_LIMIT = 1000;
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT);

    private MailgunSuppressionList() {}

    static boolean handles(SimRequest request) {
        String[] parts = request.path().split("/");
        return parts.length == 4
                && parts[1].equals("v3")
                && (parts[3].equals("bounces") || parts[3].equals("complaints"));
    }

    static SimResponse serve(SimRequest request, SeededSuppressions list, String baseUrl) {
        if (!request.method().equals("GET")) {
            return SimResponse.json(405, Map.of("message", "method not allowed"));
        }
        boolean bounces = request.path().endsWith("/bounces");
        int limit;
        try {
            limit = Integer.parseInt(request.query().getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return SimResponse.json(400, Map.of("message", "limit must be 1.." + MAX_LIMIT));
        }
        List<SeededSuppressions.Entry> entries =
                list.of(bounces ? SeededSuppressions.Kind.BOUNCE : SeededSuppressions.Kind.COMPLAINT);
        String after =
                "next".equals(request.query().get("page")) ? request.query().getOrDefault("address", "") : "";
        int from = 0;
        if (!after.isEmpty()) {
            while (from < entries.size() && !entries.get(from).address().equals(after)) {
                from++;
            }
            from++;
        }
        List<SeededSuppressions.Entry> page =
                entries.subList(Math.min(from, entries.size()), Math.min(from + limit, entries.size()));
        List<Map<String, Object>> items =
                page.stream().map(e -> item(e, bounces)).toList();
        String last = page.isEmpty() ? after : page.get(page.size() - 1).address();
        String self = baseUrl + request.path() + "?limit=" + limit;
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("first", self);
        paging.put("next", self + "&page=next&address=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
        paging.put("previous", self + "&page=previous");
        paging.put("last", self + "&page=last");
        return SimResponse.json(200, Map.of("items", items, "paging", paging));
    }

    private static Map<String, Object> item(SeededSuppressions.Entry e, boolean bounce) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("address", e.address());
        if (bounce) {
            node.put("code", "550");
            node.put("error", e.detail());
        }
        node.put("created_at", CREATED.format(e.created().atZone(ZoneOffset.UTC)));
        return node;
    }
}
