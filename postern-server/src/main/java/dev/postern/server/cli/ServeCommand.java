package dev.postern.server.cli;

import dev.postern.server.Gateway;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code postern serve}: runs the gateway until SIGINT/SIGTERM, then shuts down gracefully. */
@Command(
        name = "serve",
        description = "Runs the gateway: the HTTP API and dashboard, and the SMTP relay, until Ctrl-C or SIGTERM.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            defaultValue = "postern.yml",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() throws InterruptedException {
        ConfigReport report = ConfigLoader.load(file, main.env);
        if (!report.valid()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(file + ": " + report.problems().size() + " problem(s); nothing started");
            report.problems().forEach(p -> err.println("  " + p));
            return Main.INVALID;
        }
        report.warnings().forEach(w -> LOG.warn("config: {}", w));
        report.notInEffect().forEach(n -> LOG.info("config, not in effect yet: {}", n));
        Gateway gateway = Gateway.start(report.orThrow());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            stopped.countDown();
                        },
                        "postern-shutdown"));
        stopped.await();
        return 0;
    }
}
