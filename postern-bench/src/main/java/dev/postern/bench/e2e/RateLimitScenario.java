package dev.postern.bench.e2e;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * §9 scenario 5, rate limits: two providers that enforce 50/s and 30/s themselves (counted per
 * wall-clock second, answering 429 beyond), 80 messages/s offered over HTTP. Postern is configured
 * with the same limits ({@code rate_limit.per_second}); the baseline knows nothing of them. Counted
 * at the providers: sends taken ÷ (80/s × the run) is the utilisation, 429s ÷ all sends the 429 share.
 */
final class RateLimitScenario implements LoadTool.Scenario {
    private static final int OFFERED = 80;

    private record Outcome(double utilisation, double share429, long taken, long limited) {}

    @Override
    public void run(LoadTool.Settings settings, Report report) throws Exception {
        Duration warmUp = settings.time(3, 500);
        Duration run = settings.time(20, 1500);
        Outcome postern;
        Outcome naive;
        try (Sims sims = new Sims(settings.folder("ratelimit"), Sims.specs("fifty=emailr@50", "thirty=emailr@30"))) {
            postern = measure(Gateway.Kind.POSTERN, sims, settings.folder("ratelimit-postern"), warmUp, run);
            // the providers' windows are per second: let the last one end before the next run
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            naive = measure(Gateway.Kind.NAIVE, sims, settings.folder("ratelimit-naive"), warmUp, run);
        }
        report.add(new Report.Row(
                "ratelimit",
                "limits 50/s + 30/s, 80/s offered: share of 80/s delivered",
                pct(postern.utilisation()),
                pct(naive.utilisation()),
                Report.ratio(postern.utilisation(), naive.utilisation()),
                "≥ 95 %",
                Report.met(postern.utilisation() >= 0.95)));
        report.add(new Report.Row(
                "ratelimit",
                "share of sends answered 429",
                pct(postern.share429()) + " (" + postern.limited() + " of " + (postern.taken() + postern.limited())
                        + ")",
                pct(naive.share429()) + " (" + naive.limited() + " of " + (naive.taken() + naive.limited()) + ")",
                "",
                "≤ 1 %",
                Report.met(postern.share429() <= 0.01)));
    }

    private static Outcome measure(Gateway.Kind kind, Sims sims, Path dir, Duration warmUp, Duration run)
            throws Exception {
        try (Gateway gateway = Gateway.start(
                        kind,
                        dir,
                        "sqlite:" + dir.resolve("postern.db"),
                        "{}",
                        List.of(
                                new Gateway.Provider(
                                        "fifty", "emailr", 1, sims.url("fifty"), "rate_limit: { per_second: 50 }"),
                                new Gateway.Provider(
                                        "thirty", "emailr", 2, sims.url("thirty"), "rate_limit: { per_second: 30 }")));
                ExecutorService senders = Load.virtualThreads()) {
            String body = Gateway.message(AcceptScenario.BYTES);
            long offered = run.toMillis() * OFFERED / 1000;
            // a warm-up at the same rate, not counted: the first second of a cold JVM is not the steady state
            List<Future<HttpResponse<String>>> sent =
                    new ArrayList<>(Load.paced(OFFERED, warmUp, senders, () -> gateway.post("/v1/messages", body)));
            long[] before = counts(sims);
            sent.addAll(Load.paced(OFFERED, run, senders, () -> gateway.post("/v1/messages", body)));
            // taken by the providers while the load was offered: the sustained rate
            long during = counts(sims)[0] - before[0];
            for (Future<HttpResponse<String>> f : sent) {
                f.get();
            }
            if (kind == Gateway.Kind.POSTERN) {
                // wait for the queue to drain (or a bound), so that late deliveries are counted as well
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (gateway.metric("postern_messages_delivered_total") < sent.size()
                        && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
            long[] after = counts(sims);
            long taken = after[0] - before[0];
            long limited = after[1] - before[1];
            return new Outcome(
                    Math.min(during, offered) / (double) offered,
                    limited / (double) Math.max(1, taken + limited),
                    taken,
                    limited);
        }
    }

    /** Sends taken and sends answered 429, both providers together, since the simulators started. */
    private static long[] counts(Sims sims) {
        long[] fifty = sims.frontStats("fifty");
        long[] thirty = sims.frontStats("thirty");
        return new long[] {fifty[0] + thirty[0], fifty[1] + thirty[1]};
    }

    private static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }
}
