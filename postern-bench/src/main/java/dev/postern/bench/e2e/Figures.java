package dev.postern.bench.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The failover figures of one run, defined as in HangFailover (docs/benchmarks.md). */
final class Figures {
    long messages;
    long delivered;
    long timeouts;
    Duration firstReroute;
    Duration ninetyFive;
    Duration p50;
    Duration p99;
    Duration max;
    Duration back;

    private Figures() {}

    static Figures of(FailoverScenario.Run run, FailoverScenario.Plan plan) {
        Figures f = new Figures();
        List<Delivery> all = run.deliveries();
        Instant start = run.hangStart();
        Instant end = run.hangEnd();
        f.messages = all.size();
        f.delivered = Delivery.count(all, Delivery::delivered);
        f.timeouts = all.stream().mapToLong(Delivery::timeoutsPaid).sum();
        // the first message submitted after the onset that the backup took: when it got there
        f.firstReroute = all.stream()
                .filter(d -> !d.submitted().isBefore(start) && d.provider().equals("backup"))
                .map(d -> Duration.between(start, d.submitted().plus(d.latency())))
                .min(Duration::compareTo)
                .orElse(null);
        // the first whole second of submissions after the onset in which ≥ 95 % went to the backup promptly
        long seconds = plan.hang().toSeconds();
        for (long s = 0; s < seconds && f.ninetyFive == null; s++) {
            Instant from = start.plusSeconds(s);
            Instant to = from.plusSeconds(1);
            List<Delivery> bucket = all.stream()
                    .filter(d -> !d.submitted().isBefore(from) && d.submitted().isBefore(to))
                    .toList();
            long prompt = Delivery.count(
                    bucket, d -> d.provider().equals("backup") && d.latency().compareTo(Duration.ofSeconds(1)) < 0);
            if (!bucket.isEmpty() && prompt >= 0.95 * bucket.size()) {
                f.ninetyFive = Duration.ofSeconds(s);
            }
        }
        long[] outage = all.stream()
                .filter(d -> !d.submitted().isBefore(start) && d.submitted().isBefore(end))
                .mapToLong(d -> d.latency().toNanos())
                .sorted()
                .toArray();
        if (outage.length > 0) {
            f.p50 = Duration.ofNanos(Load.percentile(outage, 50));
            f.p99 = Duration.ofNanos(Load.percentile(outage, 99));
            f.max = Duration.ofNanos(Load.percentile(outage, 100));
        }
        f.back = all.stream()
                .filter(d -> !d.submitted().isBefore(end) && d.firstProvider().equals("primary"))
                .map(d -> Duration.between(end, d.submitted()))
                .min(Duration::compareTo)
                .orElse(null);
        return f;
    }
}
