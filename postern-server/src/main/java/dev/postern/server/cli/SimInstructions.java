package dev.postern.server.cli;

import dev.postern.server.sim.SimStack;
import dev.postern.sim.Simulator;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** What {@code postern sim} prints: the simulators, the control API, the key, the config, the next steps. */
final class SimInstructions {
    /** Marks the configuration in the output, so that it can be cut out (and is, by the tests). */
    static final String CONFIG_BEGIN = "# ---- postern.yml (save it, e.g. as postern-sim.yml) ----";

    static final String CONFIG_END = "# ---- end of postern.yml ----";

    private static final Map<String, String> WHAT = Map.of(
            SimStack.PRIMARY, "simulated SendGrid, priority 1",
            SimStack.BACKUP, "simulated Resend, priority 2",
            SimStack.RELAY, "simulated SMTP relay, priority 3");

    private SimInstructions() {}

    static void print(PrintWriter out, SimStack stack, String yaml, String apiKey, Path written, URI gateway) {
        String control = stack.controlUrl().toString();
        out.println("Postern simulators, on loopback until Ctrl-C:");
        stack.simulators()
                .forEach((name, sim) -> out.printf("  %-13s %-24s %s%n", name, sim.baseUrl(), what(name, sim)));
        out.println();
        out.println("Control API " + control + " — what each simulator received, and faults to try:");
        out.println("  curl " + control + "/" + SimStack.PRIMARY + "/messages");
        out.println("  curl -X PUT --data 'error(503)' " + control + "/" + SimStack.PRIMARY + "/fault"
                + "   # then 'ok'; also down, hang_greeting, slow(3s), rate_limit(10s)");
        out.println();
        out.println("Delivery events: " + SimStack.PRIMARY + " and " + SimStack.BACKUP + " post theirs, signed, to "
                + gateway + "/v1/webhooks/<name>");
        out.println();
        out.println("API key for the gateway (scopes send and admin; the config holds only its SHA-256):");
        out.println("  " + apiKey);
        out.println();
        String file;
        if (written == null) {
            file = "postern-sim.yml";
            out.println(CONFIG_BEGIN);
            out.print(yaml);
            out.println(CONFIG_END);
        } else {
            file = written.toString();
            out.println("Configuration written to " + file);
        }
        out.println();
        out.println("Then, in another terminal:");
        out.println("  ./postern serve --config " + file);
        out.println("  curl -H 'Authorization: Bearer " + apiKey + "' -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"from\": \"Shop <orders@shop.example>\", \"to\": [\"ada@example.com\"],"
                + " \"subject\": \"Hello\", \"text\": \"Through the simulators.\"}' \\");
        out.println("       " + gateway + "/v1/messages");
        out.println("  curl " + control + "/" + SimStack.PRIMARY + "/messages   # the message, as SendGrid got it");
        // quoted: an unquoted ? is a glob in zsh
        out.println("  curl -H 'Authorization: Bearer " + apiKey + "' '" + gateway
                + "/v1/events?type=delivered'   # its delivered event, from SendGrid's webhook");
        out.flush();
    }

    private static String what(String name, Simulator sim) {
        return WHAT.getOrDefault(name, "simulated " + sim.type());
    }
}
