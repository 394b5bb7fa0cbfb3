package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.Postern;
import dev.postern.server.stats.TrafficSeries;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/traffic?seconds=N}: attempts per provider per second, by outcome, over the last
 * {@code N} seconds (1..900, default 900) — what the dashboard charts. Either scope may read it: it
 * holds counts, never content.
 */
final class TrafficRoutes {
    private static final int MAX_SECONDS = (int) TrafficSeries.WINDOW.toSeconds();

    private final Postern postern;
    private final TrafficSeries traffic;

    TrafficRoutes(Postern postern, TrafficSeries traffic) {
        this.postern = postern;
        this.traffic = traffic;
    }

    void series(Context ctx) {
        Authenticator.any(ctx);
        int seconds = seconds(ctx.queryParam("seconds"));
        ObjectNode answer = Json.object();
        // every configured provider, in routing order, so a chart has a stable series per provider
        ArrayNode names = answer.putArray("providers");
        postern.providers().forEach(p -> names.add(p.name()));
        ArrayNode out = answer.putArray("seconds");
        List<TrafficSeries.Second> last = traffic.last(Duration.ofSeconds(seconds));
        for (TrafficSeries.Second second : last) {
            ObjectNode node = out.addObject();
            node.put("at", Json.instant(second.at()));
            node.put("epoch_second", second.at().getEpochSecond());
            ObjectNode byProvider = node.putObject("providers");
            for (Map.Entry<String, Map<String, Integer>> p : second.byProvider().entrySet()) {
                ObjectNode outcomes = byProvider.putObject(p.getKey());
                p.getValue().forEach(outcomes::put);
            }
        }
        Json.write(ctx, 200, answer);
    }

    private static int seconds(String text) {
        if (text == null) {
            return MAX_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(text);
            if (seconds >= 1 && seconds <= MAX_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidField("seconds", "seconds must be a number in 1.." + MAX_SECONDS);
    }
}
