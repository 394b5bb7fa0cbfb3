package dev.postern.bench;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.ratelimit.RateLimitConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Two providers limited to 50/s and 30/s, with the same limits configured in Postern, under an
 * offered load of 120 messages/s paced on the real clock. The counters give, per second: messages
 * {@code delivered} (÷ 80 is the share of the combined budget spent), {@code attempts} made, and
 * {@code tooManyRequests} answered by the providers (÷ attempts is the 429 share). The simulated
 * providers count their limit either as a token bucket (as Postern does) or per fixed wall-clock
 * second (as many APIs do), since how a provider counts decides whether a local bucket can match it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class RateLimitedDispatch {
    private static final int OFFERED_PER_SECOND = 120;
    private static final long GAP_NANOS = 1_000_000_000L / OFFERED_PER_SECOND;

    @Param({"token_bucket", "fixed_window"})
    public String providerLimit;

    private Postern postern;
    private Email email;
    private long next;

    /** Per-iteration counts, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long delivered;
        public long attempts;
        public long tooManyRequests;

        @Setup(Level.Iteration)
        public void reset() {
            delivered = 0;
            attempts = 0;
            tooManyRequests = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        boolean window = providerLimit.equals("fixed_window");
        postern = Postern.builder()
                .provider("fifty", new SimulatedLimit("fifty", 50, window), limited(1, 50))
                .provider("thirty", new SimulatedLimit("thirty", 30, window), limited(2, 30))
                .build();
        email = Email.builder()
                .from("Shop <orders@shop.example>")
                .to("ada@example.com")
                .subject("Your receipt")
                .text("Thanks for your order.")
                .build();
        next = System.nanoTime();
    }

    private static ProviderConfig limited(int priority, int perSecond) {
        return ProviderConfig.DEFAULTS
                .withPriority(priority)
                .withRateLimit(RateLimitConfig.NONE.withPerSecond(perSecond));
    }

    @TearDown(Level.Trial)
    public void stop() {
        postern.close();
    }

    @Benchmark
    @Threads(1)
    public SendResult offered120PerSecond(Counts counts) {
        next += GAP_NANOS;
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        SendResult result = postern.send(email);
        if (result.status() == SendResult.Status.DELIVERED) {
            counts.delivered++;
        }
        for (Attempt attempt : result.attempts()) {
            counts.attempts++;
            if (attempt.outcome() instanceof SendOutcome.RateLimited) {
                counts.tooManyRequests++;
            }
        }
        return result;
    }

    /** A provider that enforces {@code perSecond} itself and answers 429 (Retry-After: 1) beyond it. */
    static final class SimulatedLimit implements Provider {
        private final String name;
        private final long perSecond;
        private final boolean fixedWindow;
        private long tokenNanos;
        private long last = System.nanoTime();
        private long windowSecond;
        private long inWindow;
        private long ids;

        SimulatedLimit(String name, long perSecond, boolean fixedWindow) {
            this.name = name;
            this.perSecond = perSecond;
            this.fixedWindow = fixedWindow;
            this.tokenNanos = perSecond * 1_000_000_000L;
        }

        @Override
        public String type() {
            return "simulated";
        }

        @Override
        public synchronized SendOutcome send(Email email, AttemptContext context) {
            boolean allowed = fixedWindow ? window() : bucket();
            return allowed
                    ? new SendOutcome.Accepted(name + "-" + ++ids)
                    : new SendOutcome.RateLimited(Duration.ofSeconds(1), "HTTP 429");
        }

        private boolean bucket() {
            long now = System.nanoTime();
            tokenNanos = Math.min(perSecond * 1_000_000_000L, tokenNanos + (now - last) * perSecond);
            last = now;
            if (tokenNanos < 1_000_000_000L) {
                return false;
            }
            tokenNanos -= 1_000_000_000L;
            return true;
        }

        private boolean window() {
            long second = System.currentTimeMillis() / 1000;
            if (second != windowSecond) {
                windowSecond = second;
                inWindow = 0;
            }
            return ++inWindow <= perSecond;
        }

        @Override
        public HealthResult checkHealth() {
            return HealthResult.up();
        }
    }
}
