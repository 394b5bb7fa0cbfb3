package dev.postern.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * §9 scenario 2, dispatch: both providers answer after 50 ms. Postern drains a backlog put in its
 * store before it starts; the rate is taken between 10 % and 90 % delivered (the gateway's own
 * {@code postern_messages_delivered_total}), leaving out start-up and the tail. The baseline
 * delivers inside each request, so its rate is its answers per second to 32 closed-loop clients.
 */
final class DeliverScenario implements LoadTool.Scenario {
    private static final String SLOW = "slow(50ms)";

    @Override
    public void run(LoadTool.Settings settings, Report report) throws Exception {
        int backlog = settings.size(10_000, 400);
        Path dir = settings.folder("deliver-postern");
        String store = "sqlite:" + dir.resolve("postern.db");
        Fill.store(store, backlog, AcceptScenario.BYTES);
        try (Sims sims = new Sims(settings.folder("deliver"), Sims.specs("primary=emailr", "backup=http"))) {
            sims.fault("primary", SLOW);
            sims.fault("backup", SLOW);
            run(settings, report, sims, dir, store, backlog);
        }
    }

    private static void run(LoadTool.Settings settings, Report report, Sims sims, Path dir, String store, int backlog)
            throws Exception {
        Load.Rate naive;
        Path naiveDir = settings.folder("deliver-naive");
        try (Gateway gateway =
                Gateway.start(Gateway.Kind.NAIVE, naiveDir, "sqlite:unused", "{}", AcceptScenario.providers(sims))) {
            naive = Load.closedLoop(
                    AcceptScenario.CLIENTS,
                    settings.time(2, 1000),
                    settings.time(10, 500),
                    i -> Load.http(gateway, "/v1/messages", Gateway.message(AcceptScenario.BYTES), s -> s == 200));
        }
        double rate;
        try (Gateway gateway = Gateway.start(Gateway.Kind.POSTERN, dir, store, "{}", AcceptScenario.providers(sims))) {
            rate = drainRate(gateway, backlog, Duration.ofSeconds(settings.smoke() ? 60 : 120));
        }
        report.add(new Report.Row(
                "deliver",
                "delivered/s, providers at 50 ms",
                Report.num(rate, "/s"),
                Report.num(naive.perSecond(), "/s"),
                Report.ratio(rate, naive.perSecond()),
                "≥ 2,000/s",
                Report.met(rate >= 2000)));
    }

    /** Delivered per second between 10 % and 90 % of {@code backlog}, polling the gateway's metrics. */
    static double drainRate(Gateway gateway, long backlog, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long t10 = 0;
        double d10 = 0;
        while (System.nanoTime() < deadline) {
            double delivered = gateway.metric("postern_messages_delivered_total");
            long now = System.nanoTime();
            if (t10 == 0 && delivered >= backlog * 0.1) {
                t10 = now;
                d10 = delivered;
            }
            if (t10 != 0 && delivered >= backlog * 0.9) {
                // a small backlog (smoke runs) can pass both marks between two polls: then count it all
                return now > t10 ? (delivered - d10) / ((now - t10) / 1e9) : delivered / ((now - start) / 1e9);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("backlog of " + backlog + " not 90 % delivered within " + limit);
    }
}
