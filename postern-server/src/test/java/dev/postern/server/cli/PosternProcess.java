package dev.postern.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code postern ARGS} as a process of its own (this test run's JVM and class path), the way a
 * user runs it: its output is collected line by line; {@link #close} sends SIGTERM, as Ctrl-C would
 * stop it, and waits for it to exit.
 */
final class PosternProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();
    /** Set once the process's output has ended (guarded by {@code lines}). */
    private boolean ended;

    PosternProcess(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        this.stderr = stderr;
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        Thread.ofVirtual().start(this::collect);
    }

    private void collect() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        synchronized (lines) {
            ended = true;
            lines.notifyAll();
        }
    }

    /** Waits (at most {@code limit}) for a line that matches; fails with the output so far otherwise. */
    String awaitLine(Predicate<String> match, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (match.test(line)) {
                        return line;
                    }
                }
                if (ended) {
                    throw new AssertionError("the process ended without such a line (exit code " + process.waitFor()
                            + "); its output:\n" + output() + "its errors: " + errors());
                }
                long left = Duration.between(Instant.now(), end).toMillis();
                if (left <= 0) {
                    throw new AssertionError("no such line within " + limit + "; output so far:\n" + output());
                }
                lines.wait(Math.min(left, 500));
            }
        }
    }

    /** Everything printed so far. */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines) + "\n";
        }
    }

    private String errors() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
