package dev.postern.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code postern drill start|status|abort}: failover drills on a running gateway (admin key). */
@Command(
        name = "drill",
        description = "Runs a failover drill: takes a provider out, proves the others carry the mail.",
        subcommands = {DrillCommand.Start.class, DrillCommand.Status.class, DrillCommand.Abort.class})
final class DrillCommand {
    @ParentCommand
    Main main;

    /** The gateway, the key and the output format, shared by the subcommands. */
    static final class Target {
        @Option(
                names = "--url",
                defaultValue = "http://127.0.0.1:8025",
                description = "The gateway (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--key", description = "Admin API key (default: $POSTERN_API_KEY).")
        String key;

        @Option(names = "--json", description = "Print the API's answer as JSON.")
        boolean json;
    }

    /** Sends one request and prints the drill it answers with; the exit code says how it went. */
    abstract static class Call implements Callable<Integer> {
        @ParentCommand
        DrillCommand drill;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        abstract ApiClient.Answer send(ApiClient client) throws IOException, InterruptedException;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String apiKey = target.key != null ? target.key : drill.main.env.apply("POSTERN_API_KEY");
            if (apiKey == null || apiKey.isBlank()) {
                spec.commandLine().getErr().println("no API key: pass --key or set POSTERN_API_KEY");
                return Main.INVALID;
            }
            ApiClient.Answer answer = send(new ApiClient(target.url, apiKey));
            if (answer.status() >= 300) {
                spec.commandLine().getErr().println(answer.error());
                return Main.INVALID;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (target.json) {
                out.println(answer.raw());
            } else {
                print(out, answer.body());
            }
            return 0;
        }
    }

    @Command(name = "start", description = "Starts a drill; prints its id (follow it with drill status ID).")
    static final class Start extends Call {
        @Option(names = "--provider", required = true, description = "The provider to take out of rotation.")
        String provider;

        @Option(names = "--duration", description = "How long, e.g. 5m (default: drills.duration, 10m).")
        String duration;

        @Option(names = "--probes", defaultValue = "0", description = "Probe messages to drills.probe_to.")
        int probes;

        @Override
        ApiClient.Answer send(ApiClient client) throws IOException, InterruptedException {
            var body =
                    ApiClient.JSON.createObjectNode().put("provider", provider).put("probes", probes);
            if (duration != null) {
                body.put("duration", duration);
            }
            return client.post("/v1/drills", body, null);
        }
    }

    @Command(name = "status", description = "Shows a drill and, once it ended, its report.")
    static final class Status extends Call {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        ApiClient.Answer send(ApiClient client) throws IOException, InterruptedException {
            return client.get("/v1/drills/" + id);
        }
    }

    @Command(name = "abort", description = "Stops a running drill and puts its provider back at once.")
    static final class Abort extends Call {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        ApiClient.Answer send(ApiClient client) throws IOException, InterruptedException {
            return client.post("/v1/drills/" + id + "/abort", ApiClient.JSON.createObjectNode(), null);
        }
    }

    static void print(PrintWriter out, JsonNode drill) {
        out.printf(
                "drill %s on %s: %s%n",
                drill.path("id").asText(),
                drill.path("provider").asText(),
                drill.path("status").asText());
        JsonNode report = drill.path("report");
        if (!report.isObject()) {
            out.println("started " + drill.path("started_at").asText() + "; follow it with: postern drill status "
                    + drill.path("id").asText());
            return;
        }
        out.printf(
                "delivered %d, failed %d, deferred %d; delivery latency p99 %s ms, max %s ms%n",
                report.path("delivered").asLong(),
                report.path("failed").asLong(),
                report.path("deferred").asLong(),
                report.path("p99_latency_ms").asText("-"),
                report.path("max_latency_ms").asText("-"));
        report.path("per_provider")
                .properties()
                .forEach(p -> out.printf(
                        "  %-16s before %s, during %s, after %s%n",
                        p.getKey(),
                        p.getValue().path("before"),
                        p.getValue().path("during"),
                        p.getValue().path("after")));
        for (JsonNode reason : report.path("verdict_reasons")) {
            out.println("- " + reason.asText());
        }
    }
}
