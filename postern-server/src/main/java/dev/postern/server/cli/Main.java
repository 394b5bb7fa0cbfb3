package dev.postern.server.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code postern}: the gateway and its operator tools, one binary. Every command below it inherits
 * {@code --help} and {@code --version} ({@link CommandLine.ScopeType#INHERIT}), so a new command
 * cannot forget them; {@code postern help [COMMAND]} prints the same usage.
 */
@Command(
        name = "postern",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "Sends email through several providers so that mail keeps flowing when one fails.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            SimCommand.class,
            SendCommand.class,
            StatusCommand.class,
            DrillCommand.class,
            ConfigCommand.class,
            KeyCommand.class,
            DoctorCommand.class,
            SuppressionsCommand.class
        })
public final class Main {
    /** Exit code for bad usage or an invalid configuration. */
    static final int INVALID = 1;

    final Function<String, String> env;

    Main(Function<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(
                execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System::getenv));
    }

    /** Runs one command line with the given streams and environment; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Function<String, String> env) {
        CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(out);
        cli.setErr(err);
        // a failure to start (port in use, store unreadable) is one line, not a stack trace
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("postern: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return INVALID;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"postern " + (version == null ? "(development build)" : version)};
        }
    }
}
