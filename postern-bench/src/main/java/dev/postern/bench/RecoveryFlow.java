package dev.postern.bench;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheckConfig;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.provider.Provider;
import dev.postern.provider.sendgrid.SendGrid;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.sendgrid.SendGridSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * docs/benchmarks.md's "all providers down, then one recovers: deferred mail flows within 2 s of
 * recovery", through the outbox on SQLite: two SendGrid simulators, both down; 200 messages are
 * accepted and each is tried once and deferred (first retry after 30 s, the default backoff); then
 * the backup comes back. Prints when Postern noticed (its health probe, every {@link #HEALTH}) and
 * how long after that the deferred mail was all delivered — without waiting for its backoff. Default
 * breakers and timeouts. Postfix, for scale, waits for its next queue run (300 s by default).
 *
 * <p>{@code java -cp postern-bench/target/benchmarks.jar dev.postern.bench.RecoveryFlow}
 */
public final class RecoveryFlow {
    private static final Duration HEALTH = Duration.ofSeconds(1);
    private static final int MESSAGES = 200;
    private static final String KEY = "SG.bench-key.0123456789abcdef";

    private RecoveryFlow() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("postern-recovery");
        List<PosternEvent> events = new CopyOnWriteArrayList<>();
        try (SendGridSimulator primarySim = new SendGridSimulator(0, KEY);
                SendGridSimulator backupSim = new SendGridSimulator(0, KEY)) {
            primarySim.start();
            backupSim.start();
            primarySim.fault(new Fault.Down());
            backupSim.fault(new Fault.Down());
            HealthCheckConfig health = HealthCheckConfig.DEFAULTS.withInterval(HEALTH);
            try (Postern postern = Postern.builder()
                            .provider("primary", adapter(primarySim), config(1, health))
                            .provider("backup", adapter(backupSim), config(2, health))
                            .listener(events::add)
                            .build();
                    Outbox outbox = Outbox.open(
                            OutboxConfig.DEFAULTS.withStore("sqlite:" + dir.resolve("postern.db")), postern)) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    ids.add(outbox.accept(email(i)).id());
                }
                await(() -> count(outbox, ids, MessageStatus.DEFERRED) == MESSAGES, Duration.ofSeconds(60));
                Thread.sleep(3000); // let the outage settle: breakers, health state

                Instant up = Instant.now();
                backupSim.fault(new Fault.Ok());
                await(() -> count(outbox, ids, MessageStatus.DELIVERED) == MESSAGES, Duration.ofMinutes(5));
                Instant done = Instant.now();
                Instant noticed = events.stream()
                        .filter(e ->
                                e instanceof PosternEvent.ProviderRecovered || e instanceof PosternEvent.BreakerClosed)
                        .filter(e -> e.provider().orElse("").equals("backup") && !e.at().isBefore(up))
                        .map(PosternEvent::at)
                        .min(Instant::compareTo)
                        .orElse(null);
                System.out.println("| messages | deferred before | noticed after | all delivered after notice |"
                        + " all delivered after the backup came up | received by the backup |");
                System.out.println("|---:|---:|---:|---:|---:|---:|");
                System.out.println("| " + MESSAGES + " | " + MESSAGES + " | " + seconds(up, noticed) + " | "
                        + seconds(noticed, done) + " | " + seconds(up, done) + " | "
                        + backupSim.received().size() + " |");
            }
        }
    }

    private static ProviderConfig config(int priority, HealthCheckConfig health) {
        return ProviderConfig.DEFAULTS.withPriority(priority).withHealthCheck(health);
    }

    private static Provider adapter(SendGridSimulator sim) {
        return SendGrid.provider(
                new SendGridConfig(new Secret(KEY), sim.baseUrl(), Timeouts.DEFAULTS), Clock.systemUTC());
    }

    private static Email email(int i) {
        return Email.builder()
                .from("Shop <orders@shop.example>")
                .to("ada@example.com")
                .subject("Your receipt " + i)
                .text("Thanks for your order.")
                .build();
    }

    private static long count(Outbox outbox, List<String> ids, MessageStatus status) {
        return ids.stream()
                .filter(id -> outbox.find(id).map(m -> m.status() == status).orElse(false))
                .count();
    }

    private static void await(java.util.function.BooleanSupplier done, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + atMost);
            }
            Thread.sleep(10);
        }
    }

    private static String seconds(Instant from, Instant to) {
        return from == null || to == null
                ? "—"
                : String.format(
                        Locale.ROOT, "%.2f s", Duration.between(from, to).toMillis() / 1000.0);
    }
}
