package dev.postern.provider.hang;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.breaker.BreakerConfig;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.ProviderState;
import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.Simulator;
import dev.postern.testing.Mail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The hang scenario of docs/benchmarks.md on real sockets: a steady stream of messages to a primary and
 * a backup simulator; the primary starts to hang, later answers again. Everything measured is
 * counted from what Postern returned, its events and the simulators' records.
 */
final class HangScenario {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SUSPECT_AFTER = Duration.ofMillis(500);
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);
    static final Duration PERIOD = Duration.ofMillis(50); // 20 msg/s
    static final Duration STEADY = Duration.ofSeconds(1);
    static final Duration HANG = Duration.ofSeconds(4);
    static final Duration AFTER = Duration.ofSeconds(3);

    /** One message: when it was submitted and what became of it. */
    record Sent(Instant submitted, SendResult result, Duration latency) {
        String firstProvider() {
            return result.attempts().isEmpty()
                    ? "none"
                    : result.attempts().getFirst().provider();
        }

        boolean cancelled() {
            return result.attempts().stream().anyMatch(a -> a.outcome().detail().startsWith("cancelled:"));
        }

        /** Waited out the request timeout on the primary (an attempt past hand-off). */
        boolean waitedForTimeout() {
            return result.attempts().stream()
                    .anyMatch(a -> a.provider().equals("primary")
                            && !a.accepted()
                            && !(a.outcome() instanceof SendOutcome.Unavailable)
                            && a.latency().compareTo(REQUEST_TIMEOUT.minusMillis(200)) >= 0);
        }
    }

    /** What a run measured. */
    record Report(
            List<Sent> sent,
            Instant hangStart,
            Instant hangEnd,
            int unfinishedAtHangStart,
            List<PosternEvent> events,
            Map<String, Long> receivedById) {

        List<Sent> submittedBetween(Instant from, Instant to) {
            return sent.stream()
                    .filter(s -> !s.submitted().isBefore(from) && s.submitted().isBefore(to))
                    .toList();
        }

        /** Of the messages submitted from {@code delay} after the hang began to its end, the share sent first to the backup. */
        double backupShareAfter(Duration delay) {
            List<Sent> window = submittedBetween(hangStart.plus(delay), hangEnd);
            return window.stream()
                            .filter(s -> s.firstProvider().equals("backup"))
                            .count()
                    / (double) window.size();
        }

        long waitedForTimeout() {
            return sent.stream().filter(Sent::waitedForTimeout).count();
        }

        long rerouted() {
            return sent.stream().filter(Sent::cancelled).count();
        }

        Duration timeToSuspect() {
            return events.stream()
                    .filter(PosternEvent.ProviderSuspect.class::isInstance)
                    .findFirst()
                    .map(e -> Duration.between(hangStart, e.at()))
                    .orElse(null);
        }

        /** Attempts past hand-off when the provider turned suspect (in flight, not cancelled). */
        int handedOverAtSuspicion() {
            return events.stream()
                    .filter(PosternEvent.ProviderSuspect.class::isInstance)
                    .map(PosternEvent.ProviderSuspect.class::cast)
                    .mapToInt(e -> e.inFlight() - e.cancelled())
                    .sum();
        }

        /** From the end of the hang to the first message sent first to the primary again. */
        Duration returnAfterHang() {
            return sent.stream()
                    .filter(s -> !s.submitted().isBefore(hangEnd)
                            && s.firstProvider().equals("primary"))
                    .map(s -> Duration.between(hangEnd, s.submitted()))
                    .min(Duration::compareTo)
                    .orElse(null);
        }

        Duration latencyPercentile(double p) {
            List<Duration> latencies = submittedBetween(hangStart, hangEnd).stream()
                    .map(Sent::latency)
                    .sorted()
                    .toList();
            int index = (int) Math.ceil(p / 100 * latencies.size()) - 1;
            return latencies.get(Math.max(0, Math.min(latencies.size() - 1, index)));
        }

        String summary(String variant) {
            return variant + ": " + sent.size() + " messages, primary hung for " + HANG.toMillis() + " ms;"
                    + " suspect after " + ms(timeToSuspect()) + ";"
                    + " backup share of new messages from 1 s / 3 s: "
                    + percent(backupShareAfter(Duration.ofSeconds(1)))
                    + " / " + percent(backupShareAfter(Duration.ofSeconds(3))) + ";"
                    + " rerouted without waiting: " + rerouted() + ";"
                    + " waited for the " + REQUEST_TIMEOUT.toMillis() + " ms timeout: " + waitedForTimeout()
                    + " (unfinished when the hang began: " + unfinishedAtHangStart
                    + ", past hand-off when it turned suspect: " + handedOverAtSuspicion() + ");"
                    + " latency over the outage p50/p99/max: " + ms(latencyPercentile(50)) + "/"
                    + ms(latencyPercentile(99)) + "/" + ms(latencyPercentile(100)) + ";"
                    + " back in rotation " + ms(returnAfterHang()) + " after it answered again";
        }

        private static String ms(Duration d) {
            return d == null ? "never" : d.toMillis() + " ms";
        }

        private static String percent(double share) {
            return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
        }
    }

    private final Simulator primarySim;
    private final Simulator backupSim;
    private final Fault hang;

    HangScenario(Simulator primarySim, Simulator backupSim, Fault hang) {
        this.primarySim = primarySim;
        this.backupSim = backupSim;
        this.hang = hang;
    }

    static ProviderConfig primaryConfig() {
        // The breaker may open on the attempts that time out past hand-off; its open duration is
        // kept to the health interval so that it does not hide the return this scenario measures.
        return ProviderConfig.DEFAULTS
                .withPriority(1)
                .withSuspectAfter(SUSPECT_AFTER)
                .withHealthCheck(new HealthCheckConfig(HEALTH_INTERVAL, 0, 2, 1))
                .withBreaker(BreakerConfig.DEFAULTS.withOpenDuration(HEALTH_INTERVAL));
    }

    Report run(Provider primary, Provider backup) throws Exception {
        List<PosternEvent> events = new CopyOnWriteArrayList<>();
        List<Future<Sent>> futures = new CopyOnWriteArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        Instant[] marks = new Instant[2];
        int[] unfinished = new int[1];
        try (Postern postern = Postern.builder()
                        .provider("primary", primary, primaryConfig())
                        .provider(
                                "backup",
                                backup,
                                ProviderConfig.DEFAULTS
                                        .withPriority(2)
                                        .withSuspectAfter(SUSPECT_AFTER)
                                        .withHealthCheck(new HealthCheckConfig(HEALTH_INTERVAL, 0, 2, 1)))
                        .listener(events::add)
                        .eventExecutor(Runnable::run) // every event is in the record when the run ends
                        .build();
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            long total = (STEADY.plus(HANG).plus(AFTER)).dividedBy(PERIOD);
            long[] submitted = {0};
            var stream = ticker.scheduleAtFixedRate(
                    () -> {
                        if (submitted[0]++ < total) {
                            futures.add(senders.submit(() -> {
                                Instant start = Instant.now();
                                SendResult result = postern.send(Mail.receipt());
                                return new Sent(start, result, Duration.between(start, Instant.now()));
                            }));
                        }
                    },
                    0,
                    PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
            ticker.schedule(
                            () -> {
                                unfinished[0] = (int) futures.stream()
                                        .filter(f -> !f.isDone())
                                        .count();
                                marks[0] = Instant.now();
                                primarySim.fault(hang);
                            },
                            STEADY.toMillis(),
                            TimeUnit.MILLISECONDS)
                    .get(STEADY.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            ticker.schedule(
                            () -> {
                                primarySim.fault(new Fault.Ok());
                                marks[1] = Instant.now();
                            },
                            HANG.toMillis(),
                            TimeUnit.MILLISECONDS)
                    .get(HANG.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> submitted[0] >= total
                            && futures.size() == total
                            && futures.stream().allMatch(Future::isDone));
            stream.cancel(false);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> postern.providers().getFirst().state() == ProviderState.AVAILABLE);
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> f : futures) {
                sent.add(f.get());
            }
            return new Report(
                    sent, marks[0], marks[1], unfinished[0], List.copyOf(events), receivedById(primarySim, backupSim));
        } finally {
            ticker.shutdownNow();
        }
    }

    /** How often each Postern id was received, over both simulators. */
    private static Map<String, Long> receivedById(Simulator... sims) {
        Collection<ReceivedMessage> all = new ArrayList<>();
        for (Simulator sim : sims) {
            all.addAll(sim.received());
        }
        return all.stream()
                .map(m -> m.header("X-Postern-Id").orElse("(no id)"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    static List<Attempt> attempts(Report report) {
        return report.sent().stream()
                .flatMap(s -> s.result().attempts().stream())
                .toList();
    }
}
