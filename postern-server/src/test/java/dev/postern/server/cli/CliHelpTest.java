package dev.postern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command in the tree answers {@code --help} and {@code postern help …} with its usage. */
class CliHelpTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), name -> null);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The path of every command below {@code postern}, e.g. {@code [drill, start]}, read from the picocli tree. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main(name -> null)), List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            collect(sub, subPath, paths);
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandAnswersHelpWithItsUsageAndExitZero(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        Run run = run(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Usage: postern" + path.stream().map(p -> " " + p).reduce("", String::concat));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theHelpCommandShowsTheUsageOfEveryTopLevelCommand(List<String> path) {
        List<String> args = new ArrayList<>();
        args.add("help");
        args.addAll(path.stream().limit(1).toList());

        Run run = run(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: postern");
    }

    @org.junit.jupiter.api.Test
    void noDescriptionPromisesLaterWhatIsAlreadyThere() {
        assertThat(run("serve", "--help").out()).contains("SMTP relay").doesNotContain("later");
    }
}
