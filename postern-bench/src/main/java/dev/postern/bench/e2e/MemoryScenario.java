package dev.postern.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * §9 scenario 6, memory: resident memory ({@code VmRSS}) of the gateway process with a million
 * messages queued, providers down (the simulators refuse connections), default JVM settings as
 * {@code postern serve} runs. The store is filled before the gateway starts ({@link Fill}); RSS is
 * sampled every 500 ms while the gateway works through its queue, and the peak is reported, with
 * the same gateway on an empty store for comparison. The baseline has no queue to measure.
 */
final class MemoryScenario implements LoadTool.Scenario {

    @Override
    public void run(LoadTool.Settings settings, Report report) throws Exception {
        int queued = settings.size(1_000_000, 2_000);
        Duration watch = settings.time(20, 1000);
        // the comparison run adds nothing to a smoke run but time
        long empty;
        long[] full;
        try (Sims sims = new Sims(settings.folder("memory"), Sims.specs("primary=emailr", "backup=http"))) {
            sims.fault("primary", "down");
            sims.fault("backup", "down");
            empty = settings.smoke() ? 0 : peakRss(sims, settings.folder("memory-empty"), 0, watch)[0];
            full = peakRss(sims, settings.folder("memory-full"), queued, watch);
        }
        report.add(new Report.Row(
                "memory",
                String.format(Locale.ROOT, "gateway RSS (peak over %d s), %,d queued", watch.toSeconds(), queued),
                mb(full[0]) + " (queue depth " + String.format(Locale.ROOT, "%,d", full[1])
                        + (empty == 0 ? "" : "; same gateway, empty store: " + mb(empty)) + ")",
                "— (no queue)",
                "",
                "≤ 256 MB",
                Report.met(full[0] <= 256 * 1024)));
    }

    /** Peak RSS in kB and the queue depth, for a gateway started on a store holding {@code queued} messages. */
    private static long[] peakRss(Sims sims, Path dir, int queued, Duration watch) throws Exception {
        String store = "sqlite:" + dir.resolve("postern.db");
        if (queued > 0) {
            double took = Fill.store(store, queued, AcceptScenario.BYTES);
            System.out.printf(Locale.ROOT, "  filled %,d messages in %.1f s%n", queued, took);
        }
        try (Gateway gateway = Gateway.start(Gateway.Kind.POSTERN, dir, store, "{}", AcceptScenario.providers(sims))) {
            long peak = 0;
            long end = System.nanoTime() + watch.toNanos();
            while (System.nanoTime() < end) {
                peak = Math.max(peak, gateway.process().rssKb().orElse(0L));
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            long depth = (long) gateway.metric("postern_queue_depth");
            return new long[] {peak, depth};
        }
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%,d MB", kb / 1024);
    }
}
