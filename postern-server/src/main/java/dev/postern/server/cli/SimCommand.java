package dev.postern.server.cli;

import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigReport;
import dev.postern.server.sim.SimConfig;
import dev.postern.server.sim.SimStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postern sim}: the provider simulators as a process of their own, so that {@code postern
 * serve} can be tried without provider accounts. Prints (or writes) a {@code postern.yml} that
 * points at them, a fresh API key for it, and how to read what each simulator received; has the
 * simulators send their delivery events to that gateway's webhook route; runs until Ctrl-C or
 * SIGTERM.
 */
@Command(
        name = "sim",
        description = {
            "Runs simulated providers (SendGrid, Resend, an SMTP relay) on loopback with their control API,"
                    + " and prints a postern.yml for `postern serve` that points at them, until Ctrl-C."
        })
final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--base-port",
            defaultValue = "" + SimStack.DEFAULT_BASE_PORT,
            description = "Control API on this port, the simulators on the next three (default: ${DEFAULT-VALUE};"
                    + " 0 picks free ports, which change at every start).")
    int basePort;

    @Option(
            names = "--write-config",
            paramLabel = "FILE",
            description =
                    "Write the postern.yml to FILE instead of printing it (only over a file `postern sim` wrote).")
    Path writeConfig;

    @Option(
            names = "--gateway-http",
            defaultValue = "127.0.0.1:8025",
            description = "server.http.listen in the printed config (default: ${DEFAULT-VALUE}).")
    String gatewayHttp;

    @Option(
            names = "--gateway-smtp",
            defaultValue = "127.0.0.1:2525",
            description = "server.smtp.listen in the printed config (default: ${DEFAULT-VALUE}).")
    String gatewaySmtp;

    @Option(
            names = "--store",
            defaultValue = "sqlite:./data/postern-sim.db",
            description = "store in the printed config (default: ${DEFAULT-VALUE}).")
    String store;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (writeConfig != null && Files.exists(writeConfig) && !writtenBySim(writeConfig)) {
            err.println("postern: " + writeConfig + " exists and was not written by `postern sim`; not overwriting it");
            return Main.INVALID;
        }
        String apiKey = Hashes.newSecret();
        try (UntilStopped untilStopped = UntilStopped.onShutdown("postern-sim-stop");
                SimStack stack = SimStack.start(basePort)) {
            SimConfig simConfig = new SimConfig(gatewayHttp, gatewaySmtp, store);
            String yaml = simConfig.yaml(stack, Hashes.sha256Hex(apiKey));
            // the options reach the file as they are: a config `serve` would refuse is not printed
            ConfigReport report = ConfigLoader.parse(yaml, name -> null);
            if (!report.valid()) {
                err.println("postern: these options make a configuration `postern serve` refuses:");
                report.problems().forEach(p -> err.println("  " + p));
                return Main.INVALID;
            }
            // events for a gateway not running yet are retried briefly, then dropped (docs/simulators.md)
            stack.sendEventsTo(simConfig.publicUrl());
            if (writeConfig != null) {
                Files.writeString(writeConfig, yaml, StandardCharsets.UTF_8);
            }
            SimInstructions.print(out, stack, yaml, apiKey, writeConfig, simConfig.publicUrl());
            untilStopped.await();
            return 0;
        }
    }

    private static boolean writtenBySim(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("").equals(SimConfig.HEADER);
        }
    }
}
