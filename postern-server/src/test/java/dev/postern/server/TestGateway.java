package dev.postern.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.GatewayConfig;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * A gateway on a free loopback port with SQLite in a temporary folder (or, through {@link
 * #instance}, one of several on a shared PostgreSQL store), configured through
 * {@code postern.yml} text (secrets from the environment, as in production), in front of two
 * simulators: emailr (priority 1) and the generic webhook (priority 2).
 */
final class TestGateway implements AutoCloseable {
    static final String SEND_KEY = "pst_test-send-key-7YvQ2mK9";
    static final String ADMIN_KEY = "pst_test-admin-key-3Hx8Wq1Z";
    static final String EMAILR_KEY = "emailr-provider-secret-4242";
    static final String WEBHOOK_KEY = "webhook-provider-secret-4343";
    static final String ALERT_SECRET = "alert-hmac-secret-4444";
    static final String SMTP_USER = "legacy-app";
    static final String SMTP_PASSWORD = "pst_test-smtp-password-9Kd2";
    static final ObjectMapper JSON = new ObjectMapper();

    final EmailrSimulator emailr;
    final WebhookSimulator webhook;
    final Gateway gateway;
    final HttpClient client = HttpClient.newHttpClient();
    private final String store;
    private final String emailrExtra;
    private final boolean ownsSimulators;
    private final String sinks;
    private final String httpExtra;
    private final String apiKeysExtra;
    private final String smtpExtra;
    private final GatewayRuntime runtime;

    /** The sinks of {@link #TestGateway(Path)}: the log, and a webhook nobody listens to. */
    static final String DEFAULT_SINKS = """
                - { type: log }
                - { type: webhook, url: "http://127.0.0.1:9/hook", secret: "${ALERT_SECRET}" }
            """;

    TestGateway(Path dir) {
        this(dir, DEFAULT_SINKS);
    }

    /** A gateway whose {@code alerts.sinks} are {@code sinks}: YAML list items indented by four spaces. */
    TestGateway(Path dir, String sinks) {
        this(dir, sinks, "", "");
    }

    /**
     * A gateway with {@code httpExtra} added to {@code server.http} ({@code "idle_timeout: 1s"}) and
     * {@code apiKeysExtra} added to {@code auth.api_keys} (YAML list items indented by four spaces).
     */
    TestGateway(Path dir, String sinks, String httpExtra, String apiKeysExtra) {
        this(dir, sinks, httpExtra, apiKeysExtra, "");
    }

    /** As above, with {@code smtpExtra} added to {@code server.smtp} ({@code "command_timeout: 1s"}). */
    TestGateway(Path dir, String sinks, String httpExtra, String apiKeysExtra, String smtpExtra) {
        this(dir, sinks, httpExtra, apiKeysExtra, smtpExtra, GatewayRuntime.system());
    }

    /**
     * A gateway whose {@code alerts.sinks} are {@code sinks}, on {@code runtime}: with a {@code
     * FakeTime} nothing is dispatched, retried or checked until the test advances it.
     */
    TestGateway(Path dir, String sinks, GatewayRuntime runtime) {
        this(dir, sinks, "", "", "", runtime);
    }

    private TestGateway(
            Path dir, String sinks, String httpExtra, String apiKeysExtra, String smtpExtra, GatewayRuntime runtime) {
        this(
                "sqlite:" + dir.resolve("postern.db"),
                "",
                new EmailrSimulator(0, EMAILR_KEY),
                new WebhookSimulator(0, WEBHOOK_KEY),
                true,
                true,
                sinks,
                httpExtra,
                apiKeysExtra,
                smtpExtra,
                runtime);
    }

    private TestGateway(
            String store,
            String emailrExtra,
            EmailrSimulator emailr,
            WebhookSimulator webhook,
            boolean owns,
            boolean startSimulators,
            String sinks,
            String httpExtra,
            String apiKeysExtra,
            String smtpExtra,
            GatewayRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
        this.sinks = sinks;
        this.httpExtra = httpExtra;
        this.apiKeysExtra = apiKeysExtra;
        this.smtpExtra = smtpExtra;
        this.emailrExtra = emailrExtra;
        this.emailr = emailr;
        this.webhook = webhook;
        this.ownsSimulators = owns;
        if (startSimulators) {
            emailr.start();
            webhook.start();
        }
        this.gateway = Gateway.start(
                config(
                        store,
                        emailrExtra,
                        emailr.baseUrl(),
                        webhook.baseUrl(),
                        sinks,
                        httpExtra,
                        apiKeysExtra,
                        smtpExtra),
                runtime);
    }

    /**
     * Another gateway instance on {@code store} in front of the same (already started) simulators,
     * which it leaves open when closed; {@code emailrExtra} adds YAML keys to the emailr provider
     * ({@code "rate_limit: { per_second: 40 }"}).
     */
    static TestGateway instance(String store, String emailrExtra, EmailrSimulator emailr, WebhookSimulator webhook) {
        return instance(store, emailrExtra, "", emailr, webhook);
    }

    /** As above, on {@code runtime} (a {@code FakeTime} for heartbeats the test moves itself). */
    static TestGateway instance(
            String store,
            String emailrExtra,
            EmailrSimulator emailr,
            WebhookSimulator webhook,
            GatewayRuntime runtime) {
        return new TestGateway(store, emailrExtra, emailr, webhook, false, false, DEFAULT_SINKS, "", "", "", runtime);
    }

    /**
     * As above, with {@code sinks} as {@code alerts.sinks} (YAML list items indented by four spaces,
     * optionally followed by more top-level sections such as {@code drills}).
     */
    static TestGateway instance(
            String store,
            String emailrExtra,
            String sinks,
            EmailrSimulator emailr,
            WebhookSimulator webhook,
            GatewayRuntime runtime) {
        return new TestGateway(store, emailrExtra, emailr, webhook, false, false, sinks, "", "", "", runtime);
    }

    /** As above, with {@code httpExtra} added to {@code server.http} ({@code "idle_timeout: 10m"}). */
    static TestGateway instance(
            String store, String emailrExtra, String httpExtra, EmailrSimulator emailr, WebhookSimulator webhook) {
        return new TestGateway(
                store,
                emailrExtra,
                emailr,
                webhook,
                false,
                false,
                DEFAULT_SINKS,
                httpExtra,
                "",
                "",
                GatewayRuntime.system());
    }

    /** Closes this gateway and starts another on the same store and simulators, as a restart does. */
    TestGateway restart() {
        gateway.close();
        return new TestGateway(
                store,
                emailrExtra,
                emailr,
                webhook,
                ownsSimulators,
                false,
                sinks,
                httpExtra,
                apiKeysExtra,
                smtpExtra,
                runtime);
    }

    /**
     * A runtime on {@code time}: the gateway's clock and scheduler both, a fixed random seed, and
     * listeners that hear each event before the call that caused it returns (metrics, stats, the
     * outbox's wake-ups), so an assertion after {@code time.advance} sees all the advance caused.
     */
    static GatewayRuntime on(FakeTime time) {
        return new GatewayRuntime(time, time, new Random(21), Runnable::run);
    }

    static GatewayConfig config(String store, String emailrExtra, URI emailrUrl, URI webhookUrl) {
        return config(store, emailrExtra, emailrUrl, webhookUrl, DEFAULT_SINKS);
    }

    static GatewayConfig config(String store, String emailrExtra, URI emailrUrl, URI webhookUrl, String sinks) {
        return config(store, emailrExtra, emailrUrl, webhookUrl, sinks, "", "", "");
    }

    static GatewayConfig config(
            String store,
            String emailrExtra,
            URI emailrUrl,
            URI webhookUrl,
            String sinks,
            String httpExtra,
            String apiKeysExtra,
            String smtpExtra) {
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0 %s }
                  smtp: { listen: 127.0.0.1:0 %s }
                  tls: { cert: %s, key: %s }
                store: %s
                auth:
                  smtp_users:
                    - { username: %s, password_sha256: %s, sender_domains: [shop.example] }
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send], sender_domains: [shop.example] }
                    - { name: ops, key_sha256: %s, scopes: [send, admin], sender_domains: ["*"] }
                %s
                routing: { retry: { initial: 1s, max: 2s } }
                providers:
                  - name: emailr
                    type: emailr
                    api_key: ${EMAILR_KEY}
                    base_url: %s
                    %s
                    %s
                  - name: backup
                    type: http
                    url: %s/messages
                    api_key: ${WEBHOOK_KEY}
                alerts:
                  sinks:
                %s""".formatted(
                // 64 KiB unless a test asks for more; the API stays plain unless a test asks,
                // the certificate below is for STARTTLS
                (httpExtra.contains("max_request_bytes:") ? "" : ", max_request_bytes: 65536")
                        + ", "
                        + (httpExtra.contains("https:")
                                ? httpExtra
                                : "https: false" + (httpExtra.isEmpty() ? "" : ", " + httpExtra)),
                smtpExtra.isEmpty() ? "" : ", " + smtpExtra,
                testResource("tls/relay-test.crt"),
                testResource("tls/relay-test.key"),
                store,
                SMTP_USER,
                Hashes.sha256Hex(SMTP_PASSWORD),
                Hashes.sha256Hex(SEND_KEY),
                Hashes.sha256Hex(ADMIN_KEY),
                apiKeysExtra,
                emailrUrl,
                // a test may set its own breaker; the default one opens only after 100 calls
                emailrExtra.contains("circuit_breaker:") ? "" : "circuit_breaker: { window: 100, minimum_calls: 100 }",
                emailrExtra,
                webhookUrl,
                sinks);
        Map<String, String> env =
                Map.of("EMAILR_KEY", EMAILR_KEY, "WEBHOOK_KEY", WEBHOOK_KEY, "ALERT_SECRET", ALERT_SECRET);
        return ConfigLoader.parse(yaml, env::get).orThrow();
    }

    static Path testResource(String name) {
        try {
            return Path.of(TestGateway.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String key, String body, String... headers) {
        HttpRequest.Builder request = request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(client, request);
    }

    /** {@code request} through {@code client}, its failures unchecked. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(gateway.httpUrl().resolve(path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String message(String from, String to) {
        return """
                {"from": "Shop <%s>", "to": ["%s"], "subject": "Your receipt", "text": "Thanks for your order."}
                """.formatted(from, to);
    }

    @Override
    public void close() {
        gateway.close();
        if (ownsSimulators) {
            emailr.close();
            webhook.close();
        }
    }
}
