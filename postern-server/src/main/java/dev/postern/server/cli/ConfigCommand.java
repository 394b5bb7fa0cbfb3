package dev.postern.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigProblem;
import dev.postern.server.config.ConfigReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code postern config check}: every problem of a configuration file at once; never a secret. */
@Command(name = "config", description = "Checks configuration files.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand {
    @ParentCommand
    Main main;

    @Command(name = "check", description = "Reports every problem with its line and path; exit 0 when valid, 1 if not.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        ConfigCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--config", defaultValue = "postern.yml", description = "The file (default: ${DEFAULT-VALUE}).")
        Path file;

        @Option(
                names = "--json",
                description =
                        "Print {\"file\", \"valid\", \"problems\", \"warnings\", \"not_in_effect\", \"webhooks\"}.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            ConfigReport report = ConfigLoader.load(file, parent.main.env);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
            } else {
                print(report, out);
            }
            return report.valid() ? 0 : Main.INVALID;
        }

        private void print(ConfigReport report, PrintWriter out) {
            if (report.valid()) {
                out.println(file + ": valid");
            } else {
                out.println(file + ": " + report.problems().size() + " problem"
                        + (report.problems().size() == 1 ? "" : "s"));
                report.problems().forEach(p -> out.println("  " + p));
            }
            if (!report.warnings().isEmpty()) {
                out.println("warnings:");
                report.warnings().forEach(w -> out.println("  " + w));
            }
            if (!report.notInEffect().isEmpty()) {
                out.println("accepted, but not in effect yet:");
                report.notInEffect().forEach(n -> out.println("  " + n));
            }
            if (!report.webhookUrls().isEmpty()) {
                out.println("delivery-event webhook URLs (set each at its provider; docs/events.md):");
                report.webhookUrls().forEach((name, url) -> out.println("  " + name + ": " + url));
            }
        }

        private ObjectNode toJson(ConfigReport report) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("file", file.toString());
            root.put("valid", report.valid());
            ArrayNode problems = root.putArray("problems");
            for (ConfigProblem p : report.problems()) {
                problems.addObject().put("path", p.path()).put("line", p.line()).put("message", p.message());
            }
            report.warnings().forEach(root.putArray("warnings")::add);
            ArrayNode notInEffect = root.putArray("not_in_effect");
            report.notInEffect().forEach(notInEffect::add);
            ObjectNode webhooks = root.putObject("webhooks");
            report.webhookUrls().forEach(webhooks::put);
            return root;
        }
    }
}
