package dev.postern.server.sim;

import dev.postern.sim.Simulator;
import dev.postern.sim.SimulatorHost;
import dev.postern.sim.resend.ResendSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.sim.smtp.SmtpSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulators of {@code postern sim}: SendGrid as the primary, Resend as the backup, an SMTP
 * relay as the last resort, each on loopback, with the control API of {@link SimulatorHost} to
 * read what they received and to make them fail.
 *
 * <p>Ports are the base port and the next three (control API, sendgrid, resend, office-relay), or
 * free ones when the base port is 0. The credentials the simulators accept are fixed: they open
 * nothing but these loopback stand-ins, and fixed they keep a written configuration valid when the
 * simulators are restarted on the same ports. The keys SendGrid and Resend sign their delivery-event
 * webhooks with are made at each start, as the simulators make them ({@link #providersYaml} carries
 * them): a gateway verifies the events of the simulators its configuration was printed by.
 */
public final class SimStack implements AutoCloseable {
    /** Control API on 4025, then sendgrid 4026, resend 4027, office-relay 4028. */
    public static final int DEFAULT_BASE_PORT = 4025;

    public static final String PRIMARY = "sendgrid";
    public static final String BACKUP = "resend";
    public static final String RELAY = "office-relay";

    static final String SENDGRID_KEY = "SG.postern-sim-only";
    static final String RESEND_KEY = "re_postern_sim_only";
    static final String RELAY_USER = "postern-sim";
    static final String RELAY_PASSWORD = "postern-sim-only";

    private final SimulatorHost host;

    private SimStack(SimulatorHost host) {
        this.host = host;
    }

    /** Starts the simulators and their control API on {@code basePort} and the three ports after it (0: free ports). */
    public static SimStack start(int basePort) {
        if (basePort < 0 || basePort > 65535 - 3) {
            throw new IllegalArgumentException("the base port must be 0 or 1-65532, but was " + basePort);
        }
        List<Simulator> started = new ArrayList<>();
        try {
            started.add(new SendGridSimulator(offset(basePort, 1), SENDGRID_KEY).start());
            started.add(new ResendSimulator(offset(basePort, 2), RESEND_KEY).start());
            started.add(new SmtpSimulator(offset(basePort, 3), RELAY_USER, RELAY_PASSWORD).start());
            return new SimStack(SimulatorHost.builder()
                    .add(PRIMARY, started.get(0))
                    .add(BACKUP, started.get(1))
                    .add(RELAY, started.get(2))
                    .controlPort(basePort)
                    .start());
        } catch (RuntimeException e) {
            // a port in use: stop what did start, so that nothing lingers
            started.forEach(Simulator::close);
            throw e;
        }
    }

    private static int offset(int basePort, int n) {
        return basePort == 0 ? 0 : basePort + n;
    }

    /** The control API: {@code GET /_sim}, {@code /_sim/{name}/messages}, {@code PUT /_sim/{name}/fault}. */
    public URI controlUrl() {
        return host.controlUrl();
    }

    /** The simulators by name, in routing order. */
    public Map<String, Simulator> simulators() {
        return host.simulators();
    }

    /**
     * Has each simulator that sends delivery events (SendGrid, Resend) post them to {@code gateway}'s
     * {@code /v1/webhooks/NAME}, NAME being its provider name in {@link #providersYaml}.
     */
    public void sendEventsTo(URI gateway) {
        Objects.requireNonNull(gateway, "gateway");
        String base = gateway.toString().replaceAll("/+$", "");
        simulators()
                .forEach((name, sim) ->
                        sim.webhooks().ifPresent(events -> events.target(URI.create(base + "/v1/webhooks/" + name))));
    }

    /** The key a gateway verifies {@code name}'s delivery events with, as its {@code webhook.key}. */
    private String webhookKey(String name, String key) {
        return host.get(name).webhooks().orElseThrow().keys().get(key);
    }

    /**
     * The {@code providers:} section pointing at the simulators, with short timeouts so that a fault
     * set through the control API shows within seconds.
     */
    public String providersYaml() {
        return """
                providers:
                  - name: %s
                    type: sendgrid
                    priority: 1
                    api_key: %s
                    base_url: %s
                    webhook: { key: "%s" }
                    timeouts: { connect: 1s, request: 5s, suspect_after: 2s }
                    health_check: { interval: 5s }
                    circuit_breaker: { window: 10, minimum_calls: 4, failure_rate_threshold: 50,
                                       slow_call_duration: 3s, open_duration: 15s, half_open_calls: 2 }
                  - name: %s
                    type: resend
                    priority: 2
                    api_key: %s
                    base_url: %s
                    webhook: { key: "%s" }
                    timeouts: { connect: 1s, request: 5s, suspect_after: 2s }
                    health_check: { interval: 5s }
                  - name: %s
                    type: smtp
                    priority: 3
                    host: 127.0.0.1
                    port: %d
                    tls: none
                    username: %s
                    password: %s
                """.formatted(
                        PRIMARY,
                        SENDGRID_KEY,
                        host.get(PRIMARY).baseUrl(),
                        webhookKey(PRIMARY, "public_key"),
                        BACKUP,
                        RESEND_KEY,
                        host.get(BACKUP).baseUrl(),
                        webhookKey(BACKUP, "secret"),
                        RELAY,
                        host.get(RELAY).baseUrl().getPort(),
                        RELAY_USER,
                        RELAY_PASSWORD);
    }

    @Override
    public void close() {
        host.close();
    }
}
