package dev.postern.server;

import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound event webhook across a crash: a real gateway process takes a provider's event,
 * answers 200, is killed with SIGKILL while the application's endpoint still refuses it, and the
 * gateway started again on the same store delivers it — once.
 */
class EventsCrashTest {
    private static final String SECRET = "events-crash-secret-6666";

    @TempDir
    Path dir;

    @Test
    void anEventTakenBeforeAKillNineIsDeliveredOnceAfterTheRestart() throws Exception {
        String store = "sqlite:" + dir.resolve("postern.db");
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator backup = new WebhookSimulator(0, WEBHOOK_KEY);
                EventReceiver receiver = new EventReceiver(Integer.MAX_VALUE)) {
            emailr.start();
            backup.start();
            CompletableFuture<URI> firstUrl = new CompletableFuture<>();
            Process first = child(1, store, emailr.baseUrl(), backup.baseUrl(), receiver.url(), firstUrl);
            try {
                HttpResponse<String> taken = hook(firstUrl.get(60, TimeUnit.SECONDS));
                assertThat(taken.statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received.isEmpty());
            } finally {
                first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no settle
            }
            assertThat(receiver.accepted()).isEmpty();
            receiver.acceptFromNowOn();

            CompletableFuture<URI> secondUrl = new CompletableFuture<>();
            Process second = child(2, store, emailr.baseUrl(), backup.baseUrl(), receiver.url(), secondUrl);
            try {
                secondUrl.get(60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> deliveryStatus(dir).equals("delivered"));
            } finally {
                second.destroyForcibly().waitFor();
            }

            assertThat(receiver.accepted()).hasSize(1);
            assertThat(receiver.received)
                    .extracting(EventReceiver.Received::eventId)
                    .containsOnly(receiver.accepted().getFirst().eventId());
        }
    }

    private static HttpResponse<String> hook(URI gateway) {
        String body = """
                {"events": [{"id": "crash-1", "type": "complained", "recipient": "ada@example.com"}]}
                """;
        return TestGateway.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(gateway.resolve("/v1/webhooks/emailr"))
                        .header("X-Test-Token", TokenWebhooks.TOKEN)
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** The outbound delivery's status as the store holds it ("" before it is queued). */
    private static String deliveryStatus(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("postern.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status FROM event_deliveries")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private Process child(int n, String store, URI emailr, URI backup, URI receiver, CompletableFuture<URI> ready)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EventsGatewayChild.class.getName(),
                        store,
                        emailr.toString(),
                        backup.toString(),
                        receiver.toString(),
                        SECRET)
                .redirectError(dir.resolve("gateway-" + n + ".err").toFile())
                .start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ready ")) {
                        ready.complete(URI.create(line.split(" ")[1]));
                    }
                }
            } catch (IOException e) {
                // the process died; its output ends here
            }
        });
        return process;
    }
}
