package dev.postern.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool's smoke mode, run by {@code ./mvnw verify}: every scenario starts its gateway,
 * baseline and simulators in child processes, drives them briefly and reports. Speed is never
 * asserted (the figures of a smoke run mean nothing); what is asserted is that each scenario ran
 * end to end, that nothing was lost in the failover run, and that the chart was drawn.
 */
class LoadToolSmokeTest {

    @Test
    void everyScenarioRunsEndToEndAndReportsItsFigures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = LoadTool.run(
                new String[] {"all", "--smoke", "--out", dir.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);

        assertThat(exit).isZero();
        assertThat(out).contains("machine: ", " cores", "SMOKE RUN");
        assertThat(out)
                .contains("| accept | HTTP, 1 KB, 32 clients, sqlite |")
                .contains("| accept | SMTP, 1 KB, 8 connections, sqlite |")
                .contains("| deliver | delivered/s, providers at 50 ms |")
                .contains("| ratelimit | share of sends answered 429 |")
                .contains("| failover | lost | 0 |")
                .contains("| memory | gateway RSS")
                .contains("| overhead | p99 over a direct adapter call");
        assertThat(dir.resolve("failover-timeline.png")).isNotEmptyFile();
        assertThat(Files.readAllBytes(dir.resolve("failover-timeline.png"))).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void unknownScenarioPrintsUsageAndFails() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = LoadTool.run(new String[] {"nonsense"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("usage: e2e (accept|deliver|ratelimit");
    }
}
