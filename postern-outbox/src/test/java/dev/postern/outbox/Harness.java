package dev.postern.outbox;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheckConfig;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.Store;
import dev.postern.testing.FakeTime;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An outbox on a real SQLite file, dispatching through a real {@link Postern} to scripted
 * providers, all on one {@link FakeTime}: {@code time.advance} runs the dispatcher to completion on
 * the test thread, so tests read as specifications without sleeps or timed waits.
 */
final class Harness implements AutoCloseable {
    /** Retry without jitter, so tests can name exact due times. */
    static final RetryConfig EXACT_RETRY = RetryConfig.DEFAULTS.withJitter(0);

    final FakeTime time = new FakeTime();
    final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    final Postern postern;
    final Outbox outbox;

    Harness(Path dir, OutboxConfig config, ScriptedProvider... providers) {
        this(dir, config, null, providers);
    }

    Harness(Path dir, OutboxConfig config, Store store, ScriptedProvider... providers) {
        Postern.Builder builder = Postern.builder()
                .clock(time)
                .scheduler(time)
                .listener(events::add)
                .eventExecutor(Runnable::run); // hear each event before the call that caused it returns
        for (int i = 0; i < providers.length; i++) {
            // Probes every 30 s without jitter: recovery happens at predictable times.
            builder.provider(
                    providers[i].type(),
                    providers[i],
                    ProviderConfig.DEFAULTS
                            .withPriority(i + 1)
                            .withHealthCheck(HealthCheckConfig.DEFAULTS.withJitter(0)));
        }
        postern = builder.build();
        OutboxConfig placed = config.withStore("sqlite:" + dir.resolve("postern.db"));
        outbox = store == null
                ? Outbox.open(placed, postern, time, time)
                : Outbox.open(placed, postern, time, time, store);
    }

    static OutboxConfig config() {
        return OutboxConfig.DEFAULTS.withRetry(EXACT_RETRY);
    }

    /** For tests that leap days ahead: fewer idle polls on the way, each of them a store query. */
    static OutboxConfig slowPoll() {
        return config().withPollInterval(Duration.ofMinutes(5));
    }

    MessageView find(String id) {
        return outbox.find(id).orElseThrow();
    }

    /** Runs everything due now: the dispatcher sends and records every due message before this returns. */
    void dispatch() {
        time.advance(Duration.ZERO);
    }

    /** Moves time in steps of {@code step} up to {@code total}, dispatching on the way as a live system would. */
    void run(Duration total, Duration step) {
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            time.advance(step);
        }
    }

    <T extends PosternEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        outbox.close();
        postern.close();
    }
}
