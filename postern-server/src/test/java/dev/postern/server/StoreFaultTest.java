package dev.postern.server;

import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.SMTP_PASSWORD;
import static dev.postern.server.TestGateway.SMTP_USER;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.config.GatewayConfig;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.smtp.RawSmtp;
import dev.postern.sim.webhook.WebhookSimulator;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the gateway, simulated with real SQLite: the store's connections may use at
 * most {@value #MAX_PAGES} pages ({@code max_page_count}, set through the store URL), and the test
 * fills them from its own connection with ballast — exactly what a full volume does to the
 * writer. Accepts then fail cleanly (HTTP 503 with {@code Retry-After}, SMTP 451), nothing is
 * half-written, and once the ballast is dropped accepts succeed again without a restart.
 */
class StoreFaultTest {
    static final int MAX_PAGES = 1500;

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsA503AndA451WithNothingHalfWrittenAndAcceptsRecoverWithoutARestart() throws Exception {
        Path db = dir.resolve("postern.db");
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY)) {
            emailr.start();
            webhook.start();
            FakeTime time = new FakeTime();
            try (TestGateway gw = TestGateway.instance(
                            "sqlite:" + db + "?max_page_count=" + MAX_PAGES,
                            "",
                            emailr,
                            webhook,
                            TestGateway.on(time));
                    Connection operator = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                HttpResponse<String> before =
                        gw.post("/v1/messages", SEND_KEY, message("a@shop.example", "before@example.com"));
                assertThat(before.statusCode()).isEqualTo(202);
                String id = json(before).get("id").asText();
                // settled first, so that the ballast is the only writer while the disk fills
                time.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the send
                assertThat(json(gw.get("/v1/messages/" + id, SEND_KEY))
                                .path("status")
                                .asText())
                        .isEqualTo("delivered");
                long rowsBefore = count(operator, "messages");

                fillTheDisk(operator);

                HttpResponse<String> refused =
                        gw.post("/v1/messages", SEND_KEY, bulky("during@example.com"), "Idempotency-Key", "order-7");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                JsonNode error = json(refused).get("error");
                assertThat(error.get("code").asText()).isEqualTo("store_unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(smtpSend(gw, "during-smtp@example.com"))
                        .isEqualTo("451 4.3.0 The message could not be stored; try again later");
                assertThat(count(operator, "messages"))
                        .as("nothing half-written")
                        .isEqualTo(rowsBefore);
                assertThat(count(operator, "idempotency_keys")).isZero();

                try (Statement s = operator.createStatement()) {
                    s.execute("DROP TABLE ballast"); // the operator frees space; the gateway keeps running
                }

                HttpResponse<String> again =
                        gw.post("/v1/messages", SEND_KEY, bulky("during@example.com"), "Idempotency-Key", "order-7");
                assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
                assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
                assertThat(smtpSend(gw, "after-smtp@example.com")).startsWith("250 2.0.0 queued as ");
                time.advance(Duration.ZERO);
                assertThat(emailr.received().stream()
                                .flatMap(m -> m.to().stream())
                                .filter(to ->
                                        to.contains("before@") || to.contains("during@") || to.contains("after-smtp@"))
                                .distinct()
                                .count())
                        .isEqualTo(3);
            }
        }
    }

    /**
     * Another process holds SQLite's write lock (a backup tool, an operator's open transaction):
     * reads go on, writes cannot. Readiness says so, accepts fail within {@code store_write_timeout}
     * as 503 and 451 rather than hanging, and everything recovers when the lock goes.
     */
    @Test
    void aStoreThatCannotWriteIsNotReadyAndAcceptsFailWithinTheWriteTimeout() throws Exception {
        Path db = dir.resolve("postern.db");
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY)) {
            emailr.start();
            webhook.start();
            GatewayConfig config = TestGateway.config("sqlite:" + db, "", emailr.baseUrl(), webhook.baseUrl());
            config = config.withOutbox(config.outbox().withStoreWriteTimeout(Duration.ofMillis(300)));
            // the write timeout is SQLite's own wait for the other connection's lock: wall-clock, and short
            try (Gateway gw = Gateway.start(config, TestGateway.on(new FakeTime()));
                    Connection operator = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement s = operator.createStatement()) {
                HttpClient client = HttpClient.newHttpClient();
                assertThat(readyz(client, gw).statusCode()).isEqualTo(200);

                s.execute("BEGIN EXCLUSIVE");

                HttpResponse<String> notReady = readyz(client, gw);
                assertThat(notReady.statusCode()).isEqualTo(503);
                assertThat(json(notReady).get("status").asText()).isEqualTo("not_ready");
                assertThat(json(notReady).get("store").asText()).isEqualTo("unavailable");
                HttpResponse<String> refused = client.send(
                        HttpRequest.newBuilder(gw.httpUrl().resolve("/v1/messages"))
                                .header("Authorization", "Bearer " + SEND_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        message("a@shop.example", "locked@example.com")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(json(refused).get("error").get("code").asText()).isEqualTo("store_unavailable");
                assertThat(smtpSend(gw.smtpPort(), "locked-smtp@example.com"))
                        .isEqualTo("451 4.3.0 The message could not be stored; try again later");

                s.execute("COMMIT");
                assertThat(readyz(client, gw).statusCode()).isEqualTo(200);
                assertThat(smtpSend(gw.smtpPort(), "after-smtp@example.com")).startsWith("250 2.0.0 queued as ");
            }
        }
    }

    private static HttpResponse<String> readyz(HttpClient client, Gateway gw) throws Exception {
        return client.send(
                HttpRequest.newBuilder(gw.httpUrl().resolve("/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Ballast from another connection with the same page limit, until SQLite reports the disk full. */
    private static void fillTheDisk(Connection operator) throws SQLException {
        try (Statement s = operator.createStatement()) {
            s.execute("PRAGMA max_page_count = " + MAX_PAGES);
            s.execute("CREATE TABLE ballast (b BLOB)");
            for (int size : new int[] {16384, 256}) { // big pieces, then the last pages
                assertThatThrownBy(() -> {
                            for (int i = 0; i < 100_000; i++) {
                                s.execute("INSERT INTO ballast VALUES (zeroblob(" + size + "))");
                            }
                        })
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("full");
            }
        }
    }

    /** A message needing pages of its own: the store cannot squeeze it into a page it already has. */
    private static String bulky(String to) {
        return message("a@shop.example", to).replace("Thanks for your order.", "Thanks. ".repeat(5000));
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT count(*) FROM " + table)) {
            return row.getLong(1);
        }
    }

    private static String smtpSend(TestGateway gw, String to) throws IOException {
        return smtpSend(gw.gateway.smtpPort(), to);
    }

    private static String smtpSend(int port, String to) throws IOException {
        try (RawSmtp smtp = new RawSmtp(port)) {
            smtp.send("EHLO app.example");
            smtp.authPlain(SMTP_USER, SMTP_PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<" + to + ">");
            return smtp.dataLines(
                    "From: Shop <orders@shop.example>",
                    "To: <" + to + ">",
                    "Subject: Receipt",
                    "",
                    String.join("\r\n", java.util.Collections.nCopies(400, "Thanks for your order, line by line.")));
        }
    }
}
