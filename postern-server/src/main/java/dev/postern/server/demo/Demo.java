package dev.postern.server.demo;

import dev.postern.event.PosternEvent;
import dev.postern.server.Gateway;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.GatewayConfig;
import dev.postern.sim.Fault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code postern demo}: the gateway on embedded defaults (SQLite in a temporary folder, three
 * simulated providers), a steady stream of messages through its HTTP API, and the primary provider
 * failing — first hanging, then answering errors — and recovering, with a live line per second and
 * a summary that proves nothing was lost.
 */
public final class Demo {

    /** How the demo runs: messages per second, how long each phase lasts, how long to wait for the backlog. */
    public record Options(int perSecond, Duration phase, Duration drainLimit) {
        /** About half a minute of failover, as a person would watch it. */
        public static final Options STANDARD = new Options(20, Duration.ofSeconds(6), Duration.ofSeconds(60));

        /** The same story in a few seconds, for tests. */
        public static final Options QUICK = new Options(20, Duration.ofSeconds(2), Duration.ofSeconds(40));
    }

    /** What the demo proved: every accepted message delivered ({@code lost == 0}), and how failover went. */
    public record Summary(
            int sent, int delivered, int lost, int duplicates, int refused, int failovers, Duration failoverTime) {}

    private final Options options;
    private final PrintWriter out;

    public Demo(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the story, prints the summary and stops the gateway. */
    public Summary run() throws IOException {
        return run(null);
    }

    /**
     * Runs the story and prints the summary, then keeps the gateway and the simulators running,
     * printing the dashboard's address and the admin key, until {@code untilStopped} returns.
     */
    public Summary runThenKeep(Runnable untilStopped) throws IOException {
        return run(untilStopped);
    }

    private Summary run(Runnable untilStopped) throws IOException {
        Path folder = Files.createTempDirectory("postern-demo");
        String apiKey = Hashes.newSecret();
        try (DemoProviders providers = new DemoProviders();
                Gateway gateway = Gateway.start(config(folder, apiKey, providers))) {
            AtomicInteger failovers = new AtomicInteger();
            AtomicReference<Instant> primaryFailedAt = new AtomicReference<>();
            AtomicReference<Duration> failoverTime = new AtomicReference<>();
            gateway.postern().listen(event -> {
                if (event instanceof PosternEvent.Failover) {
                    failovers.incrementAndGet();
                }
                // Traffic leaves the primary when a message fails over or the primary turns suspect.
                Instant failedAt = primaryFailedAt.get();
                if (failedAt != null
                        && (event instanceof PosternEvent.Failover || event instanceof PosternEvent.ProviderSuspect)) {
                    failoverTime.compareAndSet(null, Duration.between(failedAt, event.at()));
                }
            });
            out.printf("Postern demo: gateway API at %s (demo key for this run: %s)%n", gateway.httpUrl(), apiKey);
            out.printf("  dashboard: %s/ (sign in with the demo key)%n", gateway.httpUrl());
            out.printf(
                    "  providers: %s (primary, simulated SendGrid), %s (backup, simulated Resend), %s (SMTP)%n",
                    DemoProviders.PRIMARY, DemoProviders.BACKUP, DemoProviders.RELAY);
            LiveLine live = new LiveLine(gateway, providers, failovers, out);
            Traffic traffic = new Traffic(gateway.httpUrl(), apiKey, options.perSecond());
            try (traffic) {
                for (DemoPhase phase : DemoPhase.story(options.phase())) {
                    out.printf("%n== %s%n", phase.heading());
                    out.flush();
                    live.startPhase(phase);
                    if (!(phase.primaryFault() instanceof Fault.Ok)) {
                        primaryFailedAt.compareAndSet(null, Instant.now());
                    }
                    providers.get(DemoProviders.PRIMARY).fault(phase.primaryFault());
                    for (int s = 0; s < phase.seconds(); s++) {
                        live.tick(traffic.accepted());
                    }
                }
            }
            out.printf("%n== traffic stopped; waiting for the queue to drain%n");
            live.afterPhases("draining");
            Instant limit = Instant.now().plus(options.drainLimit());
            while (!providers.deliveredIds().containsAll(traffic.accepted())
                    && Instant.now().isBefore(limit)) {
                live.tick(traffic.accepted());
            }
            Summary summary = summarise(traffic, providers, failovers.get(), failoverTime.get());
            print(summary, live.reports());
            if (untilStopped != null) {
                keep(gateway, apiKey, untilStopped);
            }
            out.flush();
            return summary;
        } finally {
            deleteQuietly(folder);
        }
    }

    private GatewayConfig config(Path folder, String apiKey, DemoProviders providers) {
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0 }
                  smtp: { listen: 127.0.0.1:0 }
                store: sqlite:%s
                auth:
                  api_keys:
                    - { name: demo, key_sha256: %s, scopes: [send, admin], sender_domains: ["*"] }
                routing:
                  strategy: priority
                  max_attempts: 3
                  retry: { initial: 1s, max: 4s }
                alerts:
                  sinks:
                    - { type: log }
                """.formatted(folder.resolve("postern.db"), Hashes.sha256Hex(apiKey)) + providers.yaml();
        return ConfigLoader.parse(yaml, name -> null).orThrow();
    }

    private static Summary summarise(Traffic traffic, DemoProviders providers, int failovers, Duration failoverTime) {
        Set<String> accepted = traffic.accepted();
        Set<String> delivered = new HashSet<>(providers.deliveredIds());
        delivered.retainAll(accepted);
        return new Summary(
                accepted.size(),
                delivered.size(),
                accepted.size() - delivered.size(),
                providers.duplicates(),
                traffic.refused(),
                failovers,
                failoverTime);
    }

    private void keep(Gateway gateway, String apiKey, Runnable untilStopped) {
        out.printf("%n== the gateway keeps running until Ctrl-C%n");
        out.printf("  dashboard: %s/%n", gateway.httpUrl());
        out.printf("  admin key: %s (sign in with it; valid for this run only)%n", apiKey);
        out.printf("  API:       curl -H 'Authorization: Bearer %s' %s/v1/providers%n", apiKey, gateway.httpUrl());
        out.flush();
        untilStopped.run();
    }

    private void print(Summary s, List<PhaseReport> phases) {
        out.printf("%n== summary%n");
        phases.forEach(phase -> phase.lines().forEach(line -> out.printf("  %s%n", line)));
        out.printf("  sent (accepted by the gateway): %d%n", s.sent());
        out.printf("  delivered:                      %d%n", s.delivered());
        out.printf("  lost:                           %d%n", s.lost());
        out.printf(
                "  possible duplicates:            %d (attempts answered ambiguously, then failed over)%n",
                s.duplicates());
        out.printf("  failovers:                      %d%n", s.failovers());
        out.printf(
                "  failover time:                  %s%n",
                s.failoverTime() == null
                        ? "no failover happened"
                        : String.format(
                                "%.1f s from the primary failing until new mail went elsewhere",
                                s.failoverTime().toMillis() / 1000.0));
        if (s.refused() > 0) {
            out.printf("  refused by the gateway:         %d (clients would retry these)%n", s.refused());
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it up eventually
        }
    }
}
