package dev.postern.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.server.Gateway;
import dev.postern.server.GatewayRuntime;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.sim.SimulatorHost;
import dev.postern.sim.resend.ResendSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.sim.smtp.SmtpSimulator;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in front of three simulated providers in a {@link SimulatorHost} — sendgrid (primary),
 * resend (backup), office-relay (SMTP) — with a send-only and an admin key, and, once {@link
 * #startTraffic} is called, a steady stream of messages through its HTTP API.
 */
final class DashboardGateway implements AutoCloseable {
    static final String SEND_KEY = "pst_dash-send-key-Q8v2Lm4T";
    static final String ADMIN_KEY = "pst_dash-admin-key-Z7k1Rw9P";
    static final String PRIMARY = "sendgrid";
    static final String BACKUP = "resend";
    static final String RELAY = "office-relay";
    static final ObjectMapper JSON = new ObjectMapper();

    final SimulatorHost simulators;
    final Gateway gateway;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

    DashboardGateway(Path dir) {
        this(dir, GatewayRuntime.system());
    }

    /**
     * As above on {@code time}, which is then the gateway's clock and scheduler both: nothing is
     * dispatched until the test advances it, and listeners hear each event before the advance returns.
     */
    DashboardGateway(Path dir, FakeTime time) {
        this(dir, new GatewayRuntime(time, time, new Random(21), Runnable::run));
    }

    private DashboardGateway(Path dir, GatewayRuntime runtime) {
        String sendgridKey = Hashes.newSecret();
        String resendKey = Hashes.newSecret();
        String relayPassword = Hashes.newSecret();
        simulators = SimulatorHost.builder()
                .add(PRIMARY, new SendGridSimulator(0, sendgridKey).start())
                .add(BACKUP, new ResendSimulator(0, resendKey).start())
                .add(RELAY, new SmtpSimulator(0, "relay", relayPassword).start())
                .start();
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0 }
                  smtp: { listen: 127.0.0.1:0 }
                store: sqlite:%s
                auth:
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send], sender_domains: [shop.example] }
                    - { name: ops, key_sha256: %s, scopes: [send, admin], sender_domains: ["*"] }
                routing: { strategy: priority, max_attempts: 3, retry: { initial: 1s, max: 2s } }
                alerts:
                  sinks:
                    - { type: log }
                providers:
                  - name: %s
                    type: sendgrid
                    priority: 1
                    api_key: %s
                    base_url: %s
                    timeouts: { connect: 1s, request: 2s }
                    circuit_breaker: { window: 10, minimum_calls: 4, failure_rate_threshold: 50,
                                       open_duration: 60s, half_open_calls: 2 }
                  - name: %s
                    type: resend
                    priority: 2
                    api_key: %s
                    base_url: %s
                    rate_limit: { per_second: 50 }
                  - name: %s
                    type: smtp
                    priority: 3
                    host: 127.0.0.1
                    port: %d
                    tls: none
                    username: relay
                    password: %s
                """.formatted(
                        dir.resolve("postern.db"),
                        Hashes.sha256Hex(SEND_KEY),
                        Hashes.sha256Hex(ADMIN_KEY),
                        PRIMARY,
                        sendgridKey,
                        simulators.get(PRIMARY).baseUrl(),
                        BACKUP,
                        resendKey,
                        simulators.get(BACKUP).baseUrl(),
                        RELAY,
                        simulators.get(RELAY).baseUrl().getPort(),
                        relayPassword);
        gateway = Gateway.start(ConfigLoader.parse(yaml, name -> null).orThrow(), runtime);
    }

    URI url() {
        return gateway.httpUrl();
    }

    /** About {@code perSecond} messages a second through {@code POST /v1/messages}, until closed. */
    void startTraffic(int perSecond) {
        String body = """
                {"from": "Shop <orders@shop.example>", "to": ["ada@example.com"], "subject": "Receipt", "text": "Thanks."}
                """;
        Runnable send = () -> {
            try {
                post("/v1/messages", SEND_KEY, body);
            } catch (RuntimeException e) {
                // a refused or timed-out send is a gap in the traffic; the next tick sends again
            }
        };
        traffic.scheduleAtFixedRate(send, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
    }

    /** Sets a simulator's fault through the simulator host's HTTP control API, as an operator would. */
    void fault(String simulator, String fault) {
        HttpRequest request = HttpRequest.newBuilder(simulators.controlUrl().resolve("/_sim/" + simulator + "/fault"))
                .timeout(Duration.ofSeconds(5))
                .PUT(HttpRequest.BodyPublishers.ofString(fault))
                .build();
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the control API refused the fault: " + answer.body());
        }
    }

    HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    HttpResponse<String> post(String path, String key, String body) {
        return send(request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        traffic.shutdownNow();
        try {
            traffic.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.close();
        simulators.close();
    }
}
