package dev.postern.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code postern demo}: the gateway on embedded defaults (SQLite in a temporary folder, simulated
 * providers from postern-sim), a steady stream of mail, a failing and recovering primary, live lines
 * and a summary. NOT IMPLEMENTED YET: this class is the slot for it (issue 5).
 */
@Command(name = "demo", description = "Shows failover live against simulated providers (not implemented yet).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("postern demo is not implemented yet");
        return 2;
    }
}
