package dev.postern.server.demo;

import dev.postern.server.auth.Hashes;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.Simulator;
import dev.postern.sim.SimulatorHost;
import dev.postern.sim.resend.ResendSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.sim.smtp.SmtpSimulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's three providers, simulated on loopback: SendGrid as the primary, Resend as the
 * backup, an SMTP relay as the last resort — with fresh random credentials each run.
 */
final class DemoProviders implements AutoCloseable {
    static final String PRIMARY = "sendgrid";
    static final String BACKUP = "resend";
    static final String RELAY = "office-relay";

    private final String sendgridKey = Hashes.newSecret();
    private final String resendKey = Hashes.newSecret();
    private final String relayPassword = Hashes.newSecret();
    private final SimulatorHost host;

    DemoProviders() {
        host = SimulatorHost.builder()
                .add(PRIMARY, new SendGridSimulator(0, sendgridKey).start())
                .add(BACKUP, new ResendSimulator(0, resendKey).start())
                .add(RELAY, new SmtpSimulator(0, "demo", relayPassword).start())
                .start();
    }

    Simulator get(String name) {
        return host.get(name);
    }

    /** The {@code providers:} section pointing at the simulators. */
    String yaml() {
        int relayPort = host.get(RELAY).baseUrl().getPort();
        return """
                providers:
                  - name: %s
                    type: sendgrid
                    priority: 1
                    api_key: %s
                    base_url: %s
                    timeouts: { connect: 1s, request: 2s, suspect_after: 500ms }
                    health_check: { interval: 2s }
                    circuit_breaker: { window: 10, minimum_calls: 4, failure_rate_threshold: 50,
                                       slow_call_duration: 2s, open_duration: 4s, half_open_calls: 2 }
                  - name: %s
                    type: resend
                    priority: 2
                    api_key: %s
                    base_url: %s
                    timeouts: { connect: 1s, request: 2s }
                  - name: %s
                    type: smtp
                    priority: 3
                    host: 127.0.0.1
                    port: %d
                    tls: none
                    username: demo
                    password: %s
                """.formatted(
                        PRIMARY,
                        sendgridKey,
                        host.get(PRIMARY).baseUrl(),
                        BACKUP,
                        resendKey,
                        host.get(BACKUP).baseUrl(),
                        RELAY,
                        relayPort,
                        relayPassword);
    }

    /** Messages each simulator has taken, counted once per Postern id. */
    Map<String, Integer> deliveredByProvider() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        host.simulators().forEach((name, sim) -> counts.put(name, ids(sim).size()));
        return counts;
    }

    /** Every Postern id any simulator has taken. */
    Set<String> deliveredIds() {
        return host.simulators().values().stream().flatMap(s -> ids(s).stream()).collect(Collectors.toSet());
    }

    /** Hand-offs beyond the first for the same message (possible after an ambiguous answer). */
    int duplicates() {
        int handOffs = host.simulators().values().stream()
                .mapToInt(s -> s.received().size())
                .sum();
        return handOffs - deliveredIds().size();
    }

    private static Set<String> ids(Simulator sim) {
        return sim.received().stream()
                .map(DemoProviders::posternId)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toSet());
    }

    private static String posternId(ReceivedMessage m) {
        return m.header("X-Postern-Id").orElse(m.metadata().getOrDefault("postern_id", ""));
    }

    @Override
    public void close() {
        host.close();
    }
}
