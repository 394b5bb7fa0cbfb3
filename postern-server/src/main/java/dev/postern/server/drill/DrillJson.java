package dev.postern.server.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.server.stats.TrafficSeries;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A drill in the shape of {@code GET /v1/drills/{id}} (docs/api.md): {@code {"id", "provider",
 * "status", "started_at", "ended_at", "report": {"per_provider", "delivered", "failed", "deferred",
 * "p99_latency_ms", "alerts", "verdict_reasons", …}}}, with a few more fields documented in
 * docs/drills.md. Durations are milliseconds; absent values are {@code null}.
 */
public final class DrillJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private DrillJson() {}

    public static ObjectNode of(Drill drill) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", drill.id());
        node.put("provider", drill.provider());
        node.put("status", drill.status().wireName());
        node.put("origin", drill.origin());
        node.put("duration", durationText(drill.request().duration()));
        node.put("probes", drill.request().probes());
        node.put("started_at", drill.startedAt().toString());
        node.put("restored_at", drill.restoredAt().map(Object::toString).orElse(null));
        node.put("ended_at", drill.endedAt().map(Object::toString).orElse(null));
        if (drill.report().isPresent()) {
            node.set("report", report(drill.report().get()));
        } else {
            node.putNull("report");
        }
        return node;
    }

    private static ObjectNode report(DrillReport r) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode perProvider = node.putObject("per_provider");
        r.perProvider().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode p = perProvider.putObject(e.getKey());
            p.put("accepted", e.getValue().accepted());
            counts(p.putObject("before"), e.getValue().before());
            counts(p.putObject("during"), e.getValue().during());
            counts(p.putObject("after"), e.getValue().after());
        });
        node.put("delivered", r.delivered());
        node.put("failed", r.failed());
        node.put("deferred", r.deferred());
        millis(node, "max_latency_ms", r.maxLatency());
        millis(node, "p99_latency_ms", r.p99Latency());
        node.put("latency_samples", r.latencySamples());
        node.putObject("probes").put("sent", r.probesSent()).put("delivered", r.probesDelivered());
        millis(node, "backup_took_load_ms", r.backupTookLoad());
        millis(node, "primary_took_back_ms", r.primaryTookBack());
        ArrayNode alerts = node.putArray("alerts");
        for (DrillReport.AlertOutcome a : r.alerts()) {
            alerts.addObject()
                    .put("event", a.event())
                    .put("at", a.at().toString())
                    .put("sink", a.sink())
                    .put("accepted", a.state() == DrillReport.AlertOutcome.State.DELIVERED)
                    .put("state", a.state().name().toLowerCase(java.util.Locale.ROOT))
                    .put("attempts", a.attempts())
                    .put("error", a.error().orElse(null));
        }
        node.put("verdict", r.passed() ? "passed" : "failed");
        ArrayNode reasons = node.putArray("verdict_reasons");
        r.verdictReasons().forEach(reasons::add);
        ArrayNode traffic = node.putArray("traffic");
        for (TrafficSeries.Second s : r.traffic()) {
            ObjectNode second = traffic.addObject().put("at", s.at().toString());
            ObjectNode by = second.putObject("by_provider");
            s.byProvider().forEach((provider, outcomes) -> counts(by.putObject(provider), outcomes));
        }
        return node;
    }

    private static void counts(ObjectNode node, Map<String, Integer> counts) {
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> node.put(e.getKey(), e.getValue()));
    }

    private static void millis(ObjectNode node, String field, Optional<Duration> value) {
        if (value.isPresent()) {
            node.put(field, value.get().toMillis());
        } else {
            node.putNull(field);
        }
    }

    static String durationText(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
