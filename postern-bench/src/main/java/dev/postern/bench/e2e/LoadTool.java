package dev.postern.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The end-to-end load tool: {@code java -jar postern-bench/target/benchmarks.jar e2e SCENARIO…
 * [--smoke] [--out DIR] [--gateway-jvm "-Xmx128m …"] [--postfix PORT]}, scenarios {@code accept deliver ratelimit failover memory overhead} or
 * {@code all}. Each starts the gateway (Postern, then the naive baseline) and the simulators in
 * child processes, drives them over loopback, and prints one table with the machine's details.
 * {@code --smoke} runs every scenario briefly and small, to show it works: its figures mean nothing.
 */
public final class LoadTool {
    private LoadTool() {}

    /**
     * How long and how big: full runs (tens of seconds each) or smoke runs (seconds).
     *
     * @param postfix the loopback port of a Postfix to measure beside Postern's SMTP relay
     *     ({@code scripts/postfix.sh} sets one up), if any
     */
    record Settings(boolean smoke, Path dir, OptionalInt postfix) {
        Duration time(int fullSeconds, int smokeMillis) {
            return smoke ? Duration.ofMillis(smokeMillis) : Duration.ofSeconds(fullSeconds);
        }

        int size(int full, int smoke) {
            return this.smoke ? smoke : full;
        }

        /** A fresh folder for one run's files (configuration, store, logs). */
        Path folder(String name) {
            try {
                return Files.createDirectories(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A scenario: runs Postern and the baseline, adds its rows. */
    interface Scenario {
        void run(Settings settings, Report report) throws Exception;
    }

    static Map<String, Scenario> scenarios() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("accept", new AcceptScenario());
        all.put("deliver", new DeliverScenario());
        all.put("ratelimit", new RateLimitScenario());
        all.put("failover", new FailoverScenario());
        all.put("memory", new MemoryScenario());
        all.put("overhead", new OverheadScenario());
        return all;
    }

    /** Runs the command line's scenarios and prints the table; answers the exit code. */
    public static int run(String[] args, PrintStream out) throws Exception {
        boolean smoke = false;
        OptionalInt postfix = OptionalInt.empty();
        Path dir = Path.of("target", "bench");
        List<String> names = new ArrayList<>();
        Gateway.jvmOptions(List.of());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> dir = Path.of(args[++i]);
                case "--postfix" -> postfix = OptionalInt.of(Integer.parseInt(args[++i]));
                case "--gateway-jvm" ->
                    Gateway.jvmOptions(List.of(args[++i].trim().split("\\s+")));
                case "all" -> names.addAll(scenarios().keySet());
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty() || !scenarios().keySet().containsAll(names)) {
            out.println("usage: e2e (" + String.join("|", scenarios().keySet())
                    + "|all)… [--smoke] [--out DIR] [--gateway-jvm OPTIONS] [--postfix PORT]");
            return 2;
        }
        Settings settings = new Settings(smoke, Files.createDirectories(dir.toAbsolutePath()), postfix);
        Report report = new Report(out);
        Machine machine = Machine.current();
        out.println(machine + (smoke ? " — SMOKE RUN: figures are not measurements" : ""));
        for (String name : names) {
            out.println("== " + name);
            scenarios().get(name).run(settings, report);
        }
        report.print(machine, "e2e " + String.join(" ", args));
        return 0;
    }
}
