package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.ALERT_SECRET;
import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.SMTP_PASSWORD;
import static dev.postern.server.TestGateway.SMTP_USER;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.postern.server.auth.Hashes;
import dev.postern.sim.Fault;
import dev.postern.sim.smtp.RawSmtp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One end-to-end run of a gateway — good and bad calls to every {@code /v1} endpoint, SMTP with
 * right and wrong passwords, a provider refusing its key, an alert sink that cannot be reached —
 * whose every output is collected: each log line (DEBUG for Postern), each HTTP status line, header
 * and body (the dashboard page and its read endpoints among them), {@code /metrics}, each SMTP reply. No configured secret appears in any of them, neither
 * as written nor base64-encoded as SMTP AUTH carries it.
 */
class SecretsEndToEndTest {
    static final String LIMITED_KEY = "pst_test-limited-key-8Qp1";

    @TempDir
    Path dir;

    @Test
    void noConfiguredSecretAppearsInLogsResponsesMetricsOrSmtpReplies() throws Exception {
        List<String> outputs = new ArrayList<>();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger postern = (Logger) LoggerFactory.getLogger("dev.postern");
        Level rootLevel = root.getLevel();
        Level posternLevel = postern.getLevel();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.INFO);
        postern.setLevel(Level.DEBUG);
        try (TestGateway gw = new TestGateway(
                dir,
                TestGateway.DEFAULT_SINKS,
                "",
                "    - { name: limited, key_sha256: %s, scopes: [send], sender_domains: [shop.example], rate_limit: { per_second: 1 } }"
                        .formatted(Hashes.sha256Hex(LIMITED_KEY)))) {
            HttpResponse<String> queued = gw.post("/v1/messages", SEND_KEY, message("a@shop.example", "b@example.com"));
            String id = json(queued).get("id").asText();
            List<HttpResponse<String>> answers = new ArrayList<>(List.of(
                    queued,
                    gw.post(
                            "/v1/messages/batch",
                            ADMIN_KEY,
                            "{\"messages\": [" + message("a@x.example", "c@example.com") + ", 7]}"),
                    gw.get("/v1/messages/" + id, SEND_KEY),
                    gw.get("/v1/messages/nope", ADMIN_KEY),
                    gw.get("/v1/providers", ADMIN_KEY),
                    gw.post("/v1/providers/emailr/drain", SEND_KEY, ""),
                    gw.get("/v1/cluster", ADMIN_KEY),
                    gw.get("/v1/events", ADMIN_KEY),
                    gw.get("/v1/traffic", ADMIN_KEY),
                    gw.get("/v1/queue", ADMIN_KEY),
                    gw.get("/v1/messages?to=b@example.com", ADMIN_KEY),
                    gw.get("/", null),
                    gw.post("/v1/messages", SEND_KEY + "x", message("a@shop.example", "b@example.com")),
                    gw.post("/v1/messages", SEND_KEY, message("ceo@bank.example", "b@example.com")),
                    gw.post("/v1/messages", SEND_KEY, "{\"from\": \"a@shop.example\", \"to\": 1}"),
                    gw.send(gw.request("/v1/providers", null)
                            .header("Authorization", "Basic " + SEND_KEY)
                            .GET()
                            .build()),
                    gw.get("/healthz", null),
                    gw.get("/readyz", null),
                    gw.get("/openapi.json", null),
                    gw.get("/nowhere", SEND_KEY)));
            for (int i = 0; i < 3; i++) {
                answers.add(gw.get("/v1/messages/" + id, LIMITED_KEY));
            }
            gw.emailr.fault(new Fault.AuthFail()); // the provider refuses Postern's key: misconfigured
            answers.add(gw.post("/v1/messages", ADMIN_KEY, message("a@shop.example", "d@example.com")));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !gw.webhook.received().isEmpty());
            outputs.addAll(smtpSessions(gw));
            answers.add(gw.send(gw.request("/metrics", null).GET().build()));

            for (HttpResponse<String> answer : answers) {
                outputs.add(answer.statusCode() + " " + answer.headers().map() + "\n" + answer.body());
            }
            assertThat(answers).anyMatch(a -> a.statusCode() == 429);
            assertThat(answers).anyMatch(a -> a.statusCode() == 401);
        } finally {
            root.detachAppender(logs);
            root.setLevel(rootLevel);
            postern.setLevel(posternLevel);
        }
        for (ILoggingEvent event : logs.list) {
            outputs.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()))
                    + event.getMDCPropertyMap());
        }

        assertThat(logs.list).hasSizeGreaterThan(10);
        Map<String, String> secrets = secrets();
        for (String output : outputs) {
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertThat(output)
                        .as("%s in: %s", secret.getKey(), output.length() > 300 ? output.substring(0, 300) : output)
                        .doesNotContain(secret.getValue());
            }
        }
        System.out.printf(
                "SecretsEndToEndTest: %d outputs checked for %d secret forms%n", outputs.size(), secrets.size());
    }

    /** Each secret as configured, and the base64 forms SMTP AUTH PLAIN and LOGIN carry. */
    private static Map<String, String> secrets() {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        Map<String, String> plain = Map.of(
                "send key", SEND_KEY,
                "admin key", ADMIN_KEY,
                "rate-limited key", LIMITED_KEY,
                "SMTP password", SMTP_PASSWORD,
                "emailr api_key", EMAILR_KEY,
                "webhook api_key", WEBHOOK_KEY,
                "alert secret", ALERT_SECRET);
        plain.forEach((name, value) -> {
            all.put(name, value);
            all.put(name + " (base64)", base64(value));
        });
        all.put("AUTH PLAIN token", RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD));
        all.put("AUTH PLAIN token, wrong password", RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD + "x"));
        return all;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** AUTH PLAIN right and wrong, AUTH LOGIN wrong, a message through: every reply. */
    private static List<String> smtpSessions(TestGateway gw) throws IOException {
        List<String> replies = new ArrayList<>();
        try (RawSmtp smtp = new RawSmtp(gw.gateway.smtpPort())) {
            replies.add(smtp.greeting);
            replies.add(smtp.send("EHLO app.example"));
            replies.add(smtp.send("AUTH PLAIN " + RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD + "x")));
            replies.add(smtp.send("AUTH LOGIN"));
            replies.add(smtp.send(base64(SMTP_USER)));
            replies.add(smtp.send(base64(SMTP_PASSWORD + "x")));
            replies.add(smtp.authPlain(SMTP_USER, SMTP_PASSWORD));
            replies.add(smtp.send("MAIL FROM:<orders@shop.example>"));
            replies.add(smtp.send("RCPT TO:<ada@example.com>"));
            replies.add(smtp.dataLines("From: <orders@shop.example>", "To: <ada@example.com>", "Subject: s", "", "x"));
            replies.add(smtp.send("MAIL FROM:<orders@bank.example>"));
        }
        return replies;
    }
}
