package dev.postern.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code postern status}: the providers' states from a running gateway's {@code GET /v1/providers}. */
@Command(name = "status", description = "Shows each provider's state, breaker and recent latency.")
final class StatusCommand implements Callable<Integer> {
    private static final String ROW = "%-16s %-9s %-10s %-11s %8s %6s %8s %8s%n";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--url",
            defaultValue = "http://127.0.0.1:8025",
            description = "The gateway (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--key", description = "API key (default: $POSTERN_API_KEY).")
    String key;

    @Option(names = "--json", description = "Print the API's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String apiKey = key != null ? key : main.env.apply("POSTERN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            spec.commandLine().getErr().println("no API key: pass --key or set POSTERN_API_KEY");
            return Main.INVALID;
        }
        ApiClient.Answer answer = new ApiClient(url, apiKey).get("/v1/providers");
        if (answer.status() != 200) {
            spec.commandLine().getErr().println(answer.error());
            return Main.INVALID;
        }
        if (json) {
            out.println(answer.raw());
            return 0;
        }
        out.printf(ROW, "PROVIDER", "TYPE", "STATE", "BREAKER", "PRIORITY", "WEIGHT", "ATTEMPTS", "P99 MS");
        for (JsonNode p : answer.body().get("providers")) {
            JsonNode stats = p.get("stats");
            out.printf(
                    ROW,
                    p.get("name").asText(),
                    p.get("type").asText(),
                    p.get("state").asText(),
                    p.get("breaker").asText(),
                    p.get("priority").asText(),
                    p.get("weight").asText(),
                    stats.get("attempts").asText(),
                    stats.get("latency_ms").get("p99").asText());
        }
        return 0;
    }
}
