package dev.postern.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * §9 scenario 4, a hung primary, end to end — HangFailover's scenario and figures, through the
 * gateway's HTTP API instead of the library: 20 messages/s; after {@code steady} the primary
 * simulator hangs as docs/benchmarks.md's hang scenario describes, accepting TCP and never answering ({@code hang_greeting}: the
 * request is held before its body is read, so not even {@code 100 Continue} comes) for {@code hang}, then answers again for
 * {@code after}. Providers keep their default timeouts (request 10 s, {@code suspect_after} 2 s)
 * and breakers, health probes every 5 s. Postern's latency is submit to {@code delivered_at}; the
 * baseline's is the request's own (it delivers inside it). Also draws the timeline chart.
 */
final class FailoverScenario implements LoadTool.Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 20;
    /** §9's hang; {@code hang} (after the body) is HangFailover's third case, not repeated here. */
    private static final String HANG_FAULT = "hang_greeting";

    /** One run's schedule and the timeout that counts as "waited for a timeout". */
    record Plan(Duration steady, Duration hang, Duration after, Duration timeout, String providerYaml) {}

    /** One run: the deliveries and when the hang began and ended. */
    record Run(List<Delivery> deliveries, Instant hangStart, Instant hangEnd, Duration suspectAfter) {}

    @Override
    public void run(LoadTool.Settings settings, Report report) throws Exception {
        Plan plan = settings.smoke()
                ? new Plan(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        "timeouts: { request: 2s, suspect_after: 500ms }\nhealth_check: { interval: 1s }")
                : new Plan(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(10),
                        "health_check: { interval: 5s }");
        Run postern;
        Run naive;
        try (Sims sims = new Sims(settings.folder("failover"), Sims.specs("primary=emailr", "backup=http"))) {
            postern = run(Gateway.Kind.POSTERN, sims, settings.folder("failover-postern"), plan);
            naive = run(Gateway.Kind.NAIVE, sims, settings.folder("failover-naive"), plan);
        }
        Figures p = Figures.of(postern, plan);
        Figures n = Figures.of(naive, plan);
        row(
                report,
                "messages (delivered)",
                p.messages + " (" + p.delivered + ")",
                n.messages + " (" + n.delivered + ")",
                "",
                "",
                "");
        row(
                report,
                "lost",
                String.valueOf(p.messages - p.delivered),
                String.valueOf(n.messages - n.delivered),
                "",
                "0",
                Report.met(p.messages == p.delivered));
        row(report, "suspect after", s(postern.suspectAfter()), "— (no suspicion)", "", "", "");
        row(report, "first reroute after", s(p.firstReroute), s(n.firstReroute), "", "", "");
        row(
                report,
                "95 % of new traffic on the backup (within 1 s) after",
                s(p.ninetyFive),
                s(n.ninetyFive),
                "",
                "≤ 3 s",
                Report.met(p.ninetyFive != null && p.ninetyFive.compareTo(Duration.ofSeconds(3)) <= 0));
        row(
                report,
                "timeouts paid",
                String.valueOf(p.timeouts),
                String.valueOf(n.timeouts),
                "",
                "only attempts past hand-off at the onset",
                "");
        row(report, "latency p50 over the outage", s(p.p50), s(n.p50), "", "", "");
        row(
                report,
                "latency p99 over the outage",
                s(p.p99),
                s(n.p99),
                Report.ratio(secs(p.p99), secs(n.p99)),
                "≤ 4 s",
                Report.met(p.p99 != null && p.p99.compareTo(Duration.ofSeconds(4)) <= 0));
        row(report, "latency max over the outage", s(p.max), s(n.max), "", "", "");
        row(report, "primary back after", s(p.back), s(n.back), "", "", "");
        Path chart = settings.dir().resolve("failover-timeline.png");
        TimelineChart.write(chart, plan, postern, naive);
        System.out.println("  chart: " + chart);
    }

    private static void row(
            Report report, String figure, String postern, String naive, String ratio, String target, String met) {
        report.add(new Report.Row("failover", figure, postern, naive, ratio, target, met));
    }

    static Run run(Gateway.Kind kind, Sims sims, Path dir, Plan plan) throws Exception {
        sims.fault("primary", "ok");
        try (Gateway gateway = Gateway.start(
                        kind,
                        dir,
                        "sqlite:" + dir.resolve("postern.db"),
                        "{}",
                        List.of(
                                new Gateway.Provider("primary", "emailr", 1, sims.url("primary"), plan.providerYaml()),
                                new Gateway.Provider("backup", "http", 2, sims.url("backup"), plan.providerYaml())));
                ExecutorService senders = Load.virtualThreads()) {
            String body = Gateway.message(AcceptScenario.BYTES);
            Instant started = Instant.now();
            Instant[] marks = new Instant[2];
            Thread faults = Thread.ofVirtual().start(() -> {
                LockSupport.parkNanos(plan.steady().toNanos());
                sims.fault("primary", HANG_FAULT);
                marks[0] = Instant.now();
                LockSupport.parkNanos(Duration.between(Instant.now(), marks[0].plus(plan.hang()))
                        .toNanos());
                sims.fault("primary", "ok");
                marks[1] = Instant.now();
            });
            record Sent(Instant at, HttpResponse<String> response, Instant answered) {}
            List<Future<Sent>> futures =
                    Load.paced(RATE, plan.steady().plus(plan.hang()).plus(plan.after()), senders, () -> {
                        Instant at = Instant.now();
                        HttpResponse<String> response = gateway.post("/v1/messages", body);
                        return new Sent(at, response, Instant.now());
                    });
            faults.join();
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> f : futures) {
                sent.add(f.get());
            }
            List<Delivery> deliveries = new ArrayList<>();
            Duration suspect = null;
            if (kind == Gateway.Kind.NAIVE) {
                for (Sent s : sent) {
                    boolean ok = s.response().statusCode() == 200;
                    String provider = ok
                            ? JSON.readTree(s.response().body())
                                    .path("provider")
                                    .asText()
                            : "";
                    Duration latency = Duration.between(s.at(), s.answered());
                    int waited = latency.compareTo(plan.timeout().minusMillis(200)) >= 0 ? 1 : 0;
                    deliveries.add(new Delivery(s.at(), latency, provider, ok, provider, waited));
                }
            } else {
                for (Sent s : sent) {
                    deliveries.add(settle(
                            gateway,
                            s.at(),
                            JSON.readTree(s.response().body()).path("id").asText(),
                            plan));
                }
                JsonNode events = JSON.readTree(gateway.get("/v1/events?type=provider_suspect&limit=100"));
                for (JsonNode e : events.findParents("type")) {
                    Instant at = Instant.parse(e.path("at").asText());
                    if (!at.isBefore(marks[0])
                            && (suspect == null
                                    || Duration.between(marks[0], at).compareTo(suspect) < 0)) {
                        suspect = Duration.between(marks[0], at);
                    }
                }
            }
            Files.writeString(dir.resolve("deliveries.csv"), csv(deliveries, started));
            return new Run(deliveries, marks[0], marks[1], suspect);
        }
    }

    /** Waits (bounded) until message {@code id} is delivered or failed, and reads what happened to it. */
    private static Delivery settle(Gateway gateway, Instant submitted, String id, Plan plan) throws Exception {
        long deadline = System.nanoTime() + plan.timeout().multipliedBy(6).toNanos();
        JsonNode m = JSON.readTree(gateway.get("/v1/messages/" + id));
        while (!m.path("status").asText().equals("delivered")
                && !m.path("status").asText().equals("failed")
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            m = JSON.readTree(gateway.get("/v1/messages/" + id));
        }
        boolean delivered = m.path("status").asText().equals("delivered");
        Duration latency = delivered
                ? Duration.between(
                        submitted, Instant.parse(m.path("delivered_at").asText()))
                : Duration.between(submitted, Instant.now());
        int waited = 0;
        String first = "";
        for (JsonNode a : m.path("attempts")) {
            if (first.isEmpty()) {
                first = a.path("provider").asText();
            }
            if (a.path("provider").asText().equals("primary")
                    && !a.path("outcome").asText().equals("accepted")
                    && a.path("latency_ms").asLong()
                            >= plan.timeout().minusMillis(200).toMillis()) {
                waited++;
            }
        }
        return new Delivery(submitted, latency, m.path("provider").asText(""), delivered, first, waited);
    }

    private static String csv(List<Delivery> deliveries, Instant origin) {
        StringBuilder out =
                new StringBuilder("submitted_s,latency_ms,provider,delivered,first_provider,timeouts_paid\n");
        for (Delivery d : deliveries) {
            out.append(String.format(
                    Locale.ROOT,
                    "%.3f,%d,%s,%s,%s,%d%n",
                    d.at(origin),
                    d.latency().toMillis(),
                    d.provider(),
                    d.delivered(),
                    d.firstProvider(),
                    d.timeoutsPaid()));
        }
        return out.toString();
    }

    static String s(Duration d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    private static double secs(Duration d) {
        return d == null ? 0 : d.toNanos() / 1e9;
    }
}
