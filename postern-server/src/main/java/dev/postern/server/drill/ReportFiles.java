package dev.postern.server.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.stats.TrafficSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a finished drill as {@code <id>.md} and {@code <id>.html} (one self-contained page: inline
 * CSS and an inline SVG chart of attempts per provider per second, no external resources), and as
 * {@code <id>.json}, the API's answer, so that {@code GET /v1/drills/{id}} outlives the process. A
 * folder that cannot be written is logged, never fatal: the report is still served by the API.
 */
final class ReportFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);
    private static final Pattern ID = Pattern.compile("drill-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}");
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    private ReportFiles() {}

    static void save(Path folder, Drill drill) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(drill.id() + ".md"), markdown(drill), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(drill.id() + ".html"), html(drill), StandardCharsets.UTF_8);
            Files.writeString(
                    folder.resolve(drill.id() + ".json"),
                    DrillJson.MAPPER.writeValueAsString(DrillJson.of(drill)),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the report of drill {} could not be saved in {}: {}", drill.id(), folder, e.toString());
        }
    }

    /** The API's JSON of a drill saved earlier, perhaps by an earlier process; empty when there is none. */
    static Optional<JsonNode> load(Path folder, String id) {
        // ids are ours (drill-<time>-<hex>); anything else never reaches the file system
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(id + ".json");
        try {
            return Files.isRegularFile(file) ? Optional.of(DrillJson.MAPPER.readTree(file.toFile())) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("the saved report {} could not be read: {}", file, e.toString());
            return Optional.empty();
        }
    }

    static String markdown(Drill drill) {
        DrillReport r = drill.report().orElseThrow();
        StringBuilder md = new StringBuilder();
        md.append("# Failover drill ")
                .append(drill.id())
                .append(": ")
                .append(drill.status().wireName())
                .append("\n\n");
        for (String[] row : summary(drill)) {
            md.append("- ").append(row[0]).append(": ").append(row[1]).append('\n');
        }
        md.append("\n## Verdict\n\n");
        r.verdictReasons().forEach(reason -> md.append("- ").append(reason).append('\n'));
        md.append("\n## Attempts per provider\n\n| provider | before | during | after |\n|---|---|---|---|\n");
        sorted(r)
                .forEach((name, t) -> md.append("| ")
                        .append(name)
                        .append(" | ")
                        .append(counts(t.before()))
                        .append(" | ")
                        .append(counts(t.during()))
                        .append(" | ")
                        .append(counts(t.after()))
                        .append(" |\n"));
        md.append("\n## Alerts\n\n| event | sink | result | attempts |\n|---|---|---|---|\n");
        for (DrillReport.AlertOutcome a : r.alerts()) {
            md.append("| ")
                    .append(a.event())
                    .append(" | ")
                    .append(cell(a.sink()))
                    .append(" | ")
                    .append(a.state().name().toLowerCase(java.util.Locale.ROOT))
                    .append(a.error().map(e -> ": " + cell(e)).orElse(""))
                    .append(" | ")
                    .append(a.attempts())
                    .append(" |\n");
        }
        return md.toString();
    }

    static String html(Drill drill) {
        DrillReport r = drill.report().orElseThrow();
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Failover drill ")
                .append(esc(drill.id()))
                .append("</title>\n<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
                        + ".passed{color:#2ca02c}.failed,.aborted{color:#d62728}</style></head><body>\n");
        h.append("<h1>Failover drill ")
                .append(esc(drill.id()))
                .append(": <span class=\"")
                .append(drill.status().wireName())
                .append("\">")
                .append(drill.status().wireName())
                .append("</span></h1>\n<ul>");
        for (String[] row : summary(drill)) {
            h.append("<li>")
                    .append(esc(row[0]))
                    .append(": ")
                    .append(esc(row[1]))
                    .append("</li>");
        }
        h.append("</ul>\n<h2>Verdict</h2>\n<ul>");
        r.verdictReasons()
                .forEach(reason -> h.append("<li>").append(esc(reason)).append("</li>"));
        h.append("</ul>\n<h2>Attempts per provider per second</h2>\n").append(chart(drill));
        h.append("\n<table><tr><th>provider</th><th>before</th><th>during</th><th>after</th></tr>");
        sorted(r)
                .forEach((name, t) -> h.append("<tr><td>")
                        .append(esc(name))
                        .append("</td><td>")
                        .append(esc(counts(t.before())))
                        .append("</td><td>")
                        .append(esc(counts(t.during())))
                        .append("</td><td>")
                        .append(esc(counts(t.after())))
                        .append("</td></tr>"));
        h.append(
                "</table>\n<h2>Alerts</h2>\n<table><tr><th>event</th><th>sink</th><th>result</th><th>attempts</th></tr>");
        for (DrillReport.AlertOutcome a : r.alerts()) {
            h.append("<tr><td>")
                    .append(esc(a.event()))
                    .append("</td><td>")
                    .append(esc(a.sink()))
                    .append("</td><td>")
                    .append(esc(a.state().name().toLowerCase(java.util.Locale.ROOT)
                            + a.error().map(e -> ": " + e).orElse("")))
                    .append("</td><td>")
                    .append(a.attempts())
                    .append("</td></tr>");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    /** Attempts per provider per second as polylines, the drill's span shaded. */
    static String chart(Drill drill) {
        List<TrafficSeries.Second> seconds = drill.report().orElseThrow().traffic();
        List<String> providers =
                new ArrayList<>(sorted(drill.report().orElseThrow()).keySet());
        int width = 720;
        int height = 240;
        int n = Math.max(1, seconds.size() - 1);
        int max = 1;
        for (TrafficSeries.Second s : seconds) {
            for (String p : providers) {
                max = Math.max(max, s.total(p));
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height + 20)
                .append("\" role=\"img\" aria-label=\"attempts per provider per second\">");
        if (!seconds.isEmpty()) {
            long first = seconds.getFirst().at().getEpochSecond();
            double from = x(drill.startedAt().getEpochSecond() - first, n, width);
            double to = x(drill.restoredAt().orElse(drill.startedAt()).getEpochSecond() - first, n, width);
            svg.append(String.format(
                    java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"#eee\"><title>drill</title></rect>",
                    from,
                    Math.max(1, to - from),
                    height));
        }
        for (int i = 0; i < providers.size(); i++) {
            String p = providers.get(i);
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < seconds.size(); k++) {
                double y = height - (double) seconds.get(k).total(p) * (height - 10) / max;
                points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x(k, n, width), y));
            }
            String colour = COLOURS[i % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>");
            svg.append("<text x=\"")
                    .append(200 + i * 120)
                    .append("\" y=\"")
                    .append(height + 15)
                    .append("\" fill=\"")
                    .append(colour)
                    .append("\">")
                    .append(esc(p))
                    .append("</text>");
        }
        svg.append("<text x=\"5\" y=\"12\">").append(max).append("/s</text>");
        if (!seconds.isEmpty()) {
            svg.append("<text x=\"0\" y=\"").append(height + 15).append("\">");
            svg.append(seconds.getFirst().at()).append("</text>");
            svg.append("<text x=\"").append(width).append("\" y=\"").append(height + 15);
            svg.append("\" text-anchor=\"end\">").append(seconds.getLast().at()).append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double x(long index, int n, int width) {
        return (double) index * width / n;
    }

    private static List<String[]> summary(Drill drill) {
        DrillReport r = drill.report().orElseThrow();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"provider", drill.provider()});
        rows.add(new String[] {"started", drill.startedAt() + " (" + drill.origin() + ")"});
        rows.add(new String[] {
            "restored", drill.restoredAt().map(Object::toString).orElse("-")
        });
        rows.add(new String[] {"ended", drill.endedAt().map(Object::toString).orElse("-")});
        rows.add(
                new String[] {"delivered / failed / deferred", r.delivered() + " / " + r.failed() + " / " + r.deferred()
                });
        rows.add(new String[] {
            "delivery latency max / p99",
            ms(r.maxLatency()) + " / " + ms(r.p99Latency()) + " (" + r.latencySamples() + " messages)"
        });
        rows.add(new String[] {"probes delivered", r.probesDelivered() + " of " + r.probesSent()});
        rows.add(new String[] {"backup took the load after", ms(r.backupTookLoad())});
        rows.add(new String[] {drill.provider() + " took it back after", ms(r.primaryTookBack())});
        return rows;
    }

    private static String ms(Optional<java.time.Duration> d) {
        return d.map(v -> v.toMillis() + " ms").orElse("-");
    }

    private static String counts(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) ->
                s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return s.toString();
    }

    private static Map<String, DrillReport.ProviderTraffic> sorted(DrillReport r) {
        return new java.util.TreeMap<>(r.perProvider());
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
