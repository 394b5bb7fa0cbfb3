package dev.postern.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A child JVM on this JVM's own class path (the benchmarks jar, or the test class path under
 * Maven): the gateway, the simulators or the baseline, each in its own process so that the load
 * generator's CPU and memory are not counted as theirs. Its output goes to a log file in the run's
 * folder. Closing it kills it (and waits, so ports are free for the next run).
 */
final class Child implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final String name;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args}; output to {@code dir/name.log}. */
    static Child start(String name, Path dir, List<String> jvmOptions, String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Child(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the first log line starting with {@code prefix} and returns the rest of it. */
    String awaitLine(String prefix) {
        String[] found = new String[1];
        await(() -> {
            found[0] = lines().stream()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .orElse(null);
            return found[0] != null;
        });
        return found[0].substring(prefix.length()).trim();
    }

    /** Waits until {@code ready} holds, failing if the process dies or {@link #START_TIMEOUT} passes. */
    void await(BooleanSupplier ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + "; log:\n" + tail());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Resident memory of the process now, from {@code /proc/PID/status} ({@code VmRSS}), in kB. */
    Optional<Long> rssKb() {
        return Machine.procLine("/proc/" + process.pid() + "/status", "VmRSS")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")));
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // a line half written: read again on the next poll
        }
    }

    String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
