package dev.postern.bench;

import dev.postern.routing.Strategy;
import dev.postern.routing.internal.Candidate;
import dev.postern.routing.internal.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision: ordering the providers available right now into the sequence one message
 * tries ({@link Router#order}), under the {@code priority} and {@code weighted} strategies, with 2,
 * 5 and 20 providers. docs/benchmarks.md's targets ask for under 5 µs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RoutingDecision {
    @Param({"priority", "weighted"})
    public String strategy;

    @Param({"2", "5", "20"})
    public int providers;

    private Router router;
    private List<Route> available;

    record Route(String name, int priority, int weight) implements Candidate {}

    @Setup(Level.Trial)
    public void setUp() {
        router = new Router(strategy.equals("weighted") ? Strategy.WEIGHTED : Strategy.PRIORITY);
        available = new ArrayList<>();
        for (int i = 0; i < providers; i++) {
            available.add(new Route("provider-" + i, 1 + i % 3, 10 + 7 * i));
        }
    }

    @Benchmark
    public List<Route> order() {
        return router.order(available);
    }
}
