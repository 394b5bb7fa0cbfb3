package dev.postern.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code postern send}: one message through a running gateway's {@code POST /v1/messages}. */
@Command(name = "send", description = "Sends one message through a running gateway's HTTP API.")
final class SendCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, split = ",", description = "Recipient(s), \"Name <a@b>\" or a@b.")
    List<String> to;

    @Option(names = "--from", required = true, description = "The sender.")
    String from;

    @Option(names = "--subject", required = true)
    String subject;

    @Option(names = "--text", required = true, description = "The plain-text body.")
    String text;

    @Option(
            names = "--url",
            defaultValue = "http://127.0.0.1:8025",
            description = "The gateway (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--key", description = "API key with the send scope (default: $POSTERN_API_KEY).")
    String key;

    @Option(names = "--idempotency-key", description = "Sent as Idempotency-Key.")
    String idempotencyKey;

    @Option(names = "--json", description = "Print the API's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String apiKey = key != null ? key : main.env.apply("POSTERN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            err.println("no API key: pass --key or set POSTERN_API_KEY");
            return Main.INVALID;
        }
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("from", from);
        to.forEach(body.putArray("to")::add);
        body.put("subject", subject).put("text", text);
        ApiClient client = new ApiClient(url, apiKey);
        ApiClient.Answer answer = client.post("/v1/messages", body, idempotencyKey);
        if (json) {
            out.println(answer.raw());
        } else if (answer.status() == 202) {
            out.println("queued " + answer.body().get("id").asText());
        } else {
            err.println(answer.error());
        }
        return answer.status() == 202 ? 0 : Main.INVALID;
    }
}
