package dev.postern.sim.ses;

import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ListSuppressedDestinations} ({@code GET /v2/email/suppression/addresses}): {@code
 * {"SuppressedDestinationSummaries": [{"EmailAddress", "Reason": "BOUNCE"|"COMPLAINT",
 * "LastUpdateTime": epoch seconds}], "NextToken"?}}, {@code PageSize} 1–1000 (1000 when not given;
 * SES's reference states no bound, this one keeps the simulator's answers bounded),
 * {@code NextToken} only while more entries follow; the filters ({@code Reason}, {@code StartDate},
 * {@code EndDate}) are not simulated. A token the simulator did not issue is SES's {@code 400
 * InvalidNextTokenException}.
 */
final class SesSuppressionList {
    static final String PATH = "/v2/email/suppression/addresses";
    private static final int MAX_PAGE = 1000;
    private static final String TOKEN_PREFIX = "sim-offset:";

    private SesSuppressionList() {}

    static boolean handles(SimRequest request) {
        return request.path().equals(PATH);
    }

    /** The answer, or an error as {@code (status, code, message)} for the simulator to shape. */
    static SimResponse serve(SimRequest request, SeededSuppressions list, ErrorShaper error) {
        if (!request.method().equals("GET")) {
            return error.shape(404, "UnknownOperationException", null);
        }
        int size;
        try {
            size = Integer.parseInt(request.query().getOrDefault("PageSize", String.valueOf(MAX_PAGE)));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_PAGE) {
            return error.shape(400, "BadRequestException", "PageSize must be between 1 and " + MAX_PAGE);
        }
        List<SeededSuppressions.Entry> entries = list.all();
        int from = offset(request.query().get("NextToken"));
        if (from < 0 || from > entries.size()) {
            return error.shape(400, "InvalidNextTokenException", "The specified NextToken is invalid or expired.");
        }
        int to = Math.min(from + size, entries.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "SuppressedDestinationSummaries",
                entries.subList(from, to).stream()
                        .map(SesSuppressionList::summary)
                        .toList());
        if (to < entries.size()) {
            body.put("NextToken", token(to));
        }
        return SimResponse.json(200, body);
    }

    /** How the simulator shapes an AWS error answer. */
    @FunctionalInterface
    interface ErrorShaper {
        SimResponse shape(int status, String code, String message);
    }

    private static Map<String, Object> summary(SeededSuppressions.Entry e) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("EmailAddress", e.address());
        node.put("Reason", e.kind() == SeededSuppressions.Kind.BOUNCE ? "BOUNCE" : "COMPLAINT");
        // REST-JSON timestamps are epoch seconds, with a fraction when there is one.
        node.put(
                "LastUpdateTime", BigDecimal.valueOf(e.created().toEpochMilli()).movePointLeft(3));
        return node;
    }

    /** Opaque to clients, as SES's are; base64 holds '+' and '/', so clients must encode it. */
    private static String token(int offset) {
        return Base64.getEncoder().encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 for no token, -1 for one the simulator did not issue. */
    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith(TOKEN_PREFIX) ? Integer.parseInt(text.substring(TOKEN_PREFIX.length())) : -1;
        } catch (IllegalArgumentException e) {
            return -1; // not base64, or no number after the prefix
        }
    }
}
