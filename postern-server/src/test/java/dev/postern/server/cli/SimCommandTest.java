package dev.postern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postern sim} in one process, {@code postern serve} with the configuration it printed in
 * another, and a message sent as the README's curl sends it: the simulator received it, and its
 * delivery event came back to the gateway's webhook route.
 */
class SimCommandTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void serveWithThePrintedConfigDeliversAPostedMessageIntoASimulatorAndShowsItsDeliveredEvent() throws Exception {
        String gatewayHttp = "127.0.0.1:" + freePort();
        try (PosternProcess sim = new PosternProcess(
                dir.resolve("sim.err"),
                "sim",
                "--base-port",
                "0",
                "--gateway-http",
                gatewayHttp,
                "--gateway-smtp",
                "127.0.0.1:0",
                "--store",
                "sqlite:" + dir.resolve("data/postern.db"))) {
            sim.awaitLine(SimInstructions.CONFIG_END::equals, LIMIT);
            String printed = sim.output();
            String yaml = between(printed, SimInstructions.CONFIG_BEGIN + "\n", SimInstructions.CONFIG_END);
            String apiKey =
                    sim.awaitLine(line -> line.startsWith("  pst_"), LIMIT).strip();
            String control = sim.awaitLine(line -> line.startsWith("Control API "), LIMIT)
                    .split(" ")[2];
            Path config = dir.resolve("postern-sim.yml");
            Files.writeString(config, yaml);

            StringWriter check = new StringWriter();
            int checked = Main.execute(
                    new String[] {"config", "check", "--config", config.toString()},
                    new PrintWriter(check, true),
                    new PrintWriter(check, true),
                    name -> null);
            assertThat(checked).as(check.toString()).isZero();
            assertThat(check.toString()).contains("valid").doesNotContain("warnings:");

            try (PosternProcess serve =
                    new PosternProcess(dir.resolve("serve.err"), "serve", "--config", config.toString())) {
                URI gateway = URI.create("http://" + gatewayHttp);
                await("the gateway answers /healthz").atMost(LIMIT).until(() -> {
                    assertThat(serve.isAlive()).as("postern serve is running").isTrue();
                    return status(get(gateway.resolve("/healthz"))) == 200;
                });

                HttpResponse<String> accepted = http.send(
                        HttpRequest.newBuilder(gateway.resolve("/v1/messages"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + apiKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("""
                                        {"from": "Shop <orders@shop.example>", "to": ["ada@example.com"],
                                         "subject": "Hello from the simulators", "text": "Through the simulators."}
                                        """))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

                URI received = URI.create(control + "/sendgrid/messages");
                await("the sendgrid simulator received the message")
                        .atMost(LIMIT)
                        .until(() -> {
                            HttpResponse<String> messages = get(received);
                            return messages != null && messages.body().contains("Hello from the simulators");
                        });
                assertThat(get(received).body()).contains("ada@example.com");

                // the simulator's signed delivery event comes back through /v1/webhooks/sendgrid
                String id = JSON.readTree(accepted.body()).get("id").asText();
                await("the delivered event shows under the recipient")
                        .atMost(LIMIT)
                        .until(() -> {
                            JsonNode view = json(get(gateway.resolve("/v1/messages/" + id), apiKey));
                            return view != null
                                    && view.path("recipients")
                                            .path(0)
                                            .path("events")
                                            .findValuesAsText("type")
                                            .contains("delivered");
                        });
                JsonNode events = json(get(gateway.resolve("/v1/events?type=delivered"), apiKey));
                assertThat(events.get("events")).anySatisfy(event -> {
                    assertThat(event.get("message_id").asText()).isEqualTo(id);
                    assertThat(event.get("recipient").asText()).isEqualTo("ada@example.com");
                    assertThat(event.get("provider").asText()).isEqualTo("sendgrid");
                });
            }
        }
    }

    @Test
    void writeConfigWritesTheSameConfigurationAndOverwritesNoOtherFile() throws Exception {
        Path mine = dir.resolve("postern.yml");
        Files.writeString(mine, "store: sqlite:./mine.db\n");
        StringWriter out = new StringWriter();

        int exit = Main.execute(
                new String[] {"sim", "--base-port", "0", "--write-config", mine.toString()},
                new PrintWriter(out, true),
                new PrintWriter(out, true),
                name -> null);

        assertThat(exit).isEqualTo(Main.INVALID);
        assertThat(out.toString()).contains("was not written by `postern sim`");
        assertThat(Files.readString(mine)).isEqualTo("store: sqlite:./mine.db\n");
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin) + begin.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private HttpResponse<String> get(URI uri) {
        return get(uri, null);
    }

    private HttpResponse<String> get(URI uri, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws java.io.IOException {
        return response == null || response.statusCode() != 200 ? null : JSON.readTree(response.body());
    }

    private static int status(HttpResponse<String> response) {
        return response == null ? -1 : response.statusCode();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
