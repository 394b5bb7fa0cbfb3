package dev.postern.bench;

import dev.postern.MessageIds;
import dev.postern.email.Email;
import dev.postern.outbox.store.EmailJson;
import dev.postern.outbox.store.NewMessage;
import dev.postern.outbox.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable accepts per second into the SQLite store: each operation is one message (about 1 KB of
 * JSON) committed with a full sync, from 1, 8 or 32 writers, with group commit ({@code
 * maxWriteBatch} 512) or one commit per message ({@code maxWriteBatch} 1).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class OutboxAccept {
    @Param({"512", "1"})
    public int maxWriteBatch;

    private Path dir;
    private Store store;
    private byte[] payload;
    private final MessageIds ids = new MessageIds(Clock.systemUTC());

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("postern-bench");
        store = Store.open("sqlite:" + dir.resolve("postern.db"), maxWriteBatch);
        payload = EmailJson.write(Email.builder()
                .from("Shop <orders@shop.example>")
                .to("ada@example.com")
                .subject("Your receipt")
                .text("x".repeat(900))
                .build());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String accept() {
        return store.insert(new NewMessage(ids.next(), Instant.now(), null, payload, null, null), Duration.ofHours(24))
                .id();
    }

    @Benchmark
    @Threads(1)
    public String writers01() {
        return accept();
    }

    @Benchmark
    @Threads(8)
    public String writers08() {
        return accept();
    }

    @Benchmark
    @Threads(32)
    public String writers32() {
        return accept();
    }
}
