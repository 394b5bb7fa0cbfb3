package dev.postern.bench;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.Provider;
import dev.postern.provider.sendgrid.SendGrid;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.smtp.Smtp;
import dev.postern.provider.smtp.SmtpConfig;
import dev.postern.provider.smtp.SmtpTimeouts;
import dev.postern.provider.smtp.SmtpTls;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.Simulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.sim.smtp.SmtpSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The hang scenario of docs/benchmarks.md on loopback: 20 messages/s to a primary and a backup simulator
 * (SendGrid over HTTP, or SMTP); after {@link #STEADY} the primary hangs ({@code hang_greeting}:
 * accepts connections and never answers, not even {@code 100 Continue} or a greeting) for {@link
 * #HANG}, then answers again. A third run hangs the HTTP primary only after it has taken each body
 * ({@code hang}), the case no client can tell from a slow success. Each transport runs
 * twice: with suspicion ({@code suspect_after} 2 s, the default) and without (the naive baseline:
 * breaker and health checks only). Prints one Markdown table row per run. Not JMH: one run is one
 * outage, measured from the messages' own results.
 *
 * <p>{@code java -cp postern-bench/target/benchmarks.jar dev.postern.bench.HangFailover} runs all
 * three transports; naming some ({@code ... HangFailover "http, after body"}) runs only those.
 */
public final class HangFailover {
    private static final Duration TIMEOUT = Timeouts.DEFAULTS.request(); // 10 s
    private static final Duration PERIOD = Duration.ofMillis(50);
    private static final Duration STEADY = Duration.ofSeconds(5);
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final Duration AFTER = Duration.ofSeconds(15);
    private static final HealthCheckConfig HEALTH = HealthCheckConfig.DEFAULTS.withInterval(Duration.ofSeconds(5));
    private static final String KEY = "SG.bench-key.0123456789abcdef";

    private record Sent(Instant submitted, SendResult result, Duration latency) {}

    private HangFailover() {}

    public static void main(String[] args) throws Exception {
        List<String> transports = args.length == 0 ? List.of("http", "smtp", "http, after body") : List.of(args);
        System.out.println("| transport | suspicion | messages | delivered | suspect after | first reroute after |"
                + " timeouts paid | cancelled, rerouted | abandoned, rerouted (possible duplicates) | p50 | p99 | max |"
                + " primary back after |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String transport : transports) {
            for (boolean suspicion : List.of(true, false)) {
                run(transport, suspicion);
            }
        }
    }

    private static void run(String transport, boolean suspicion) throws Exception {
        boolean http = transport.startsWith("http");
        // "accepts TCP, never answers" (§9); "after body": answers 100 Continue, takes the body, then hangs
        Fault hang = transport.endsWith("after body") ? new Fault.Hang() : new Fault.HangGreeting();
        try (Simulator primarySim = start(http);
                Simulator backupSim = start(http)) {
            Duration suspectAfter = suspicion ? ProviderConfig.DEFAULT_SUSPECT_AFTER : Duration.ZERO;
            List<PosternEvent> events = new CopyOnWriteArrayList<>();
            List<Future<Sent>> futures = new ArrayList<>();
            Instant hangStart;
            Instant hangEnd;
            try (Postern postern = Postern.builder()
                            .provider(
                                    "primary",
                                    adapter(primarySim, http),
                                    ProviderConfig.DEFAULTS
                                            .withPriority(1)
                                            .withHealthCheck(HEALTH)
                                            .withSuspectAfter(suspectAfter))
                            .provider(
                                    "backup",
                                    adapter(backupSim, http),
                                    ProviderConfig.DEFAULTS
                                            .withPriority(2)
                                            .withHealthCheck(HEALTH)
                                            .withSuspectAfter(suspectAfter))
                            .listener(events::add)
                            .build();
                    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                Email email = Email.builder()
                        .from("Shop <orders@shop.example>")
                        .to("ada@example.com")
                        .subject("Your receipt")
                        .text("Thanks for your order.")
                        .build();
                long total = STEADY.plus(HANG).plus(AFTER).dividedBy(PERIOD);
                long start = System.nanoTime();
                Instant started = Instant.now();
                hangStart = started.plus(STEADY);
                hangEnd = hangStart.plus(HANG);
                boolean hung = false;
                boolean released = false;
                for (long i = 0; i < total; i++) {
                    LockSupport.parkNanos(start + i * PERIOD.toNanos() - System.nanoTime());
                    Instant now = Instant.now();
                    if (!hung && !now.isBefore(hangStart)) {
                        primarySim.fault(hang);
                        hangStart = Instant.now();
                        hung = true;
                    }
                    if (!released && !now.isBefore(hangEnd)) {
                        primarySim.fault(new Fault.Ok());
                        hangEnd = Instant.now();
                        released = true;
                    }
                    futures.add(senders.submit(() -> {
                        Instant at = Instant.now();
                        SendResult result = postern.send(email);
                        return new Sent(at, result, Duration.between(at, Instant.now()));
                    }));
                }
                List<Sent> sent = new ArrayList<>();
                for (Future<Sent> f : futures) {
                    sent.add(f.get(TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS));
                }
                report(transport, suspicion, sent, events, hangStart, hangEnd);
            }
        }
    }

    private static void report(
            String transport,
            boolean suspicion,
            List<Sent> sent,
            List<PosternEvent> events,
            Instant hangStart,
            Instant hangEnd) {
        long delivered = sent.stream()
                .filter(s -> s.result().status() == SendResult.Status.DELIVERED)
                .count();
        List<Attempt> attempts =
                sent.stream().flatMap(s -> s.result().attempts().stream()).toList();
        long timeouts = attempts.stream()
                .filter(a -> a.provider().equals("primary")
                        && !a.accepted()
                        && a.latency().compareTo(TIMEOUT.minusMillis(200)) >= 0)
                .count();
        long cancelled = attempts.stream()
                .filter(a -> a.outcome().detail().startsWith("cancelled:"))
                .count();
        long abandoned = attempts.stream().filter(Attempt::abandoned).count();
        Duration suspect = events.stream()
                .filter(PosternEvent.ProviderSuspect.class::isInstance)
                .findFirst()
                .map(e -> Duration.between(hangStart, e.at()))
                .orElse(null);
        // The first message after the onset to be delivered by the backup: when it got there.
        Duration reroute = sent.stream()
                .filter(s -> !s.submitted().isBefore(hangStart)
                        && s.result().provider().orElse("").equals("backup"))
                .map(s -> Duration.between(hangStart, s.submitted().plus(s.latency())))
                .min(Duration::compareTo)
                .orElse(null);
        final Instant end = hangEnd;
        Duration back = sent.stream()
                .filter(s -> !s.submitted().isBefore(end)
                        && !s.result().attempts().isEmpty()
                        && s.result().attempts().getFirst().provider().equals("primary"))
                .map(s -> Duration.between(end, s.submitted()))
                .min(Duration::compareTo)
                .orElse(null);
        List<Duration> outage = sent.stream()
                .filter(s -> !s.submitted().isBefore(hangStart) && s.submitted().isBefore(end))
                .map(Sent::latency)
                .sorted()
                .toList();
        System.out.println("| " + transport + " | " + (suspicion ? "on (2 s)" : "off (baseline)") + " | "
                + sent.size() + " | " + delivered + " | " + ms(suspect) + " | " + ms(reroute) + " | " + timeouts
                + " | " + cancelled + " | " + abandoned + " | " + ms(percentile(outage, 50)) + " | "
                + ms(percentile(outage, 99))
                + " | " + ms(percentile(outage, 100)) + " | " + ms(back) + " |");
    }

    private static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String ms(Duration d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    private static Simulator start(boolean http) {
        return http ? new SendGridSimulator(0, KEY).start() : new SmtpSimulator(0, "user", "bench-Pa55").start();
    }

    private static Provider adapter(Simulator sim, boolean http) {
        if (http) {
            return SendGrid.provider(
                    new SendGridConfig(new Secret(KEY), sim.baseUrl(), Timeouts.DEFAULTS), Clock.systemUTC());
        }
        SmtpConfig config = SmtpConfig.of("127.0.0.1", ((SmtpSimulator) sim).port())
                .withTls(SmtpTls.NONE)
                .withCredentials("user", new Secret("bench-Pa55"))
                .withTimeouts(SmtpTimeouts.of(Timeouts.DEFAULTS));
        return Smtp.provider(config, Clock.systemUTC());
    }
}
