package dev.postern.server.drill;

import dev.postern.server.stats.TrafficSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a drill showed, and its verdict: passed only if no message failed, every alert raised during
 * the drill reached every alert sink, and the provider took traffic back after it.
 *
 * @param perProvider each provider's attempts by outcome before, during and after the drill
 * @param traffic every second from {@link Drills#LOOKBACK} before the drill to the verdict
 * @param delivered messages the outbox delivered while the provider was out (probes included)
 * @param failed messages that failed for good while the provider was out
 * @param deferred delivery rounds that ended deferred (to be retried) while the provider was out
 * @param latencySamples how many messages delivered during the drill the latencies come from
 *     (accepted by the outbox → accepted by a provider)
 * @param backupTookLoad from the start to the first message another provider accepted
 * @param primaryTookBack from the restore to the first message the drilled provider accepted
 */
public record DrillReport(
        Map<String, ProviderTraffic> perProvider,
        List<TrafficSeries.Second> traffic,
        long delivered,
        long failed,
        long deferred,
        Optional<Duration> maxLatency,
        Optional<Duration> p99Latency,
        int latencySamples,
        int probesSent,
        int probesDelivered,
        List<AlertOutcome> alerts,
        Optional<Duration> backupTookLoad,
        Optional<Duration> primaryTookBack,
        boolean passed,
        List<String> verdictReasons) {

    public DrillReport {
        perProvider = Map.copyOf(perProvider);
        traffic = List.copyOf(traffic);
        alerts = List.copyOf(alerts);
        verdictReasons = List.copyOf(verdictReasons);
    }

    /** One provider's attempts by outcome ({@code accepted}, {@code unavailable}, …) in each phase. */
    public record ProviderTraffic(
            Map<String, Integer> before, Map<String, Integer> during, Map<String, Integer> after) {
        public ProviderTraffic {
            before = Map.copyOf(before);
            during = Map.copyOf(during);
            after = Map.copyOf(after);
        }

        /** Accepted attempts over the whole report: what the provider took. */
        public int accepted() {
            return before.getOrDefault("accepted", 0)
                    + during.getOrDefault("accepted", 0)
                    + after.getOrDefault("accepted", 0);
        }
    }

    /**
     * One alert raised during the drill, at one sink.
     *
     * @param sink the sink's name, e.g. {@code webhook ops.example:443 (alerts.sinks[1])}
     * @param error the last failure, when the sink did not take it
     */
    public record AlertOutcome(
            String event, Instant at, String sink, AlertOutcome.State state, int attempts, Optional<String> error) {
        public enum State {
            DELIVERED,
            /** Failed so far and still being retried when the verdict was reached. */
            RETRYING,
            GAVE_UP
        }
    }
}
