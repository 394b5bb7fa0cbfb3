package dev.postern.server.cli;

import dev.postern.server.demo.Demo;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postern demo}: the gateway on embedded defaults (SQLite in a temporary folder, three
 * simulated providers), a steady stream of mail, a primary that hangs, fails and recovers, a live
 * line per second and a summary. Exits 0 only when no accepted message was lost. With {@code --keep}
 * the gateway stays up after the summary, for the dashboard, until Ctrl-C or SIGTERM.
 */
@Command(
        name = "demo",
        description = "Shows failover live: the gateway, three simulated providers, a primary that fails and recovers.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The same story with shorter phases (for a quick look or a test).")
    boolean quick;

    @Option(
            names = "--keep",
            description =
                    "After the summary, keep the gateway running (dashboard URL and admin key printed) until Ctrl-C.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        // the live line tells the story; a log line per attempt (dozens a second) would drown it
        if (LoggerFactory.getLogger("postern.attempts") instanceof ch.qos.logback.classic.Logger attempts) {
            attempts.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Demo.Options options = quick ? Demo.Options.QUICK : Demo.Options.STANDARD;
        Demo demo = new Demo(options, spec.commandLine().getOut());
        if (!keep) {
            return demo.run().lost() == 0 ? 0 : 1;
        }
        try (UntilStopped untilStopped = UntilStopped.onShutdown("postern-demo-stop")) {
            return demo.runThenKeep(untilStopped::await).lost() == 0 ? 0 : 1;
        }
    }
}
