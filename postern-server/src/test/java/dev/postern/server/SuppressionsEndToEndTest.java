package dev.postern.server;

import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.smtp.Wire;
import dev.postern.sim.smtp.SmtpSimulator;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the whole gateway and a real SMTP relay: an address on the suppression list is never sent
 * to, the list is managed through {@code /v1/suppressions} (admin), counted in {@code /metrics} and
 * {@code /v1/queue}, and with {@code on_send: refuse} refused at intake (HTTP 422, SMTP 550).
 */
class SuppressionsEndToEndTest {
    private static final String SEND_KEY = "pst_test-suppress-send-8Kq2";
    private static final String ADMIN_KEY = "pst_test-suppress-admin-4Wz7";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final SmtpSimulator relay = new SmtpSimulator(0, null, null, false);
    private final FakeTime time = new FakeTime();
    private Gateway gateway;

    private void start(String onSend) {
        relay.start();
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0, https: false }
                  smtp: { listen: 127.0.0.1:0 }
                store: sqlite:%s
                auth:
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send], sender_domains: [shop.example] }
                    - { name: ops, key_sha256: %s, scopes: [admin], sender_domains: ["*"] }
                  trusted_networks: [127.0.0.1/32]
                routing: { retry: { initial: 1s, max: 1s } }
                suppressions: { on_send: %s }
                providers:
                  - { name: relay, type: smtp, priority: 1, host: 127.0.0.1, port: %d, tls: none }
                """.formatted(
                        dir.resolve("postern.db"),
                        Hashes.sha256Hex(SEND_KEY),
                        Hashes.sha256Hex(ADMIN_KEY),
                        onSend,
                        relay.port());
        gateway = Gateway.start(ConfigLoader.parse(yaml, name -> null).orThrow(), TestGateway.on(time));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        relay.close();
    }

    @Test
    void aSuppressedRecipientIsNotSentToWhileTheOtherReachesTheRelay() {
        start("skip");
        suppress("Bounced@Example.com", 201);

        String id = json(post(SEND_KEY, message("\"ada@example.com\"], \"cc\": [\"bounced@example.com\"")))
                .get("id")
                .asText();

        JsonNode view = afterDispatch(id, "delivered");
        assertThat(relay.envelope(view.get("provider_message_id").asText())).containsExactly("ada@example.com");
        assertThat(view.get("recipients"))
                .extracting(
                        r -> r.get("address").asText() + " " + r.get("status").asText())
                .containsExactly("ada@example.com delivered", "bounced@example.com suppressed");
        assertThat(view.get("recipients").get(1).get("detail").asText()).contains("suppressed: manual");
        assertThat(view.get("attempts")).hasSize(1);
    }

    @Test
    void aMessageWhoseRecipientsAreAllSuppressedFailsWithoutAnAttempt() {
        start("skip");
        suppress("ada@example.com", 201);

        String id =
                json(post(SEND_KEY, message("\"ada@example.com\""))).get("id").asText();

        JsonNode view = afterDispatch(id, "failed");
        assertThat(view.get("detail").asText()).isEqualTo("suppressed");
        assertThat(view.get("attempts")).isEmpty();
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void theListIsManagedByAdminKeysOnlyAndPagesNewestFirst() {
        start("skip");
        assertThat(call("POST", "/v1/suppressions", SEND_KEY, "{\"address\": \"x@example.com\"}")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = call("POST", "/v1/suppressions", ADMIN_KEY, "{\"address\": \"not an address\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/error/field").asText()).isEqualTo("address");

        suppress("ada@example.com", 201);
        time.advance(Duration.ofSeconds(1));
        suppress("bob@example.com", 201);
        suppress("BOB@example.com", 200);

        JsonNode first = json(call("GET", "/v1/suppressions?limit=1", ADMIN_KEY, null));
        assertThat(first.at("/suppressions/0/address").asText()).isEqualTo("bob@example.com");
        assertThat(first.at("/suppressions/0/reason").asText()).isEqualTo("manual");
        assertThat(first.at("/suppressions/0/provider").isNull()).isTrue();
        JsonNode second = json(call(
                "GET", "/v1/suppressions?limit=1&after=" + first.get("next").asText(), ADMIN_KEY, null));
        assertThat(second.at("/suppressions/0/address").asText()).isEqualTo("ada@example.com");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(json(call("GET", "/v1/suppressions?q=ad", ADMIN_KEY, null)).get("suppressions"))
                .hasSize(1);

        assertThat(call("DELETE", "/v1/suppressions/ADA@example.com", ADMIN_KEY, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/suppressions/ada@example.com", ADMIN_KEY, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(call("GET", "/v1/queue", SEND_KEY, null))
                        .get("suppressions")
                        .asLong())
                .isEqualTo(1);
        assertThat(call("GET", "/metrics", null, null).body()).contains("postern_suppressions 1.0");
    }

    @Test
    void withRefuseAMessageToSuppressedAddressesOnlyIsRefusedAndOneWithOthersIsAccepted() {
        start("refuse");
        suppress("ada@example.com", 201);
        suppress("bob@example.com", 201);

        HttpResponse<String> refused = post(SEND_KEY, message("\"ada@example.com\"], \"bcc\": [\"Bob@example.com\""));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("suppressed");
        assertThat(json(refused).at("/error/message").asText()).contains("ada@example.com", "bob@example.com");

        assertThat(post(SEND_KEY, message("\"ada@example.com\", \"cy@example.com\""))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void withRefuseTheRelayAnswersRcptToASuppressedAddressWith550() throws IOException {
        start("refuse");
        suppress("ada@example.com", 201);

        try (Wire wire = new Wire(gateway.smtpPort(), "127.0.0.1")) {
            assertThat(wire.reply()).startsWith("220");
            wire.write("EHLO shop.example\r\n");
            assertThat(wire.reply()).startsWith("250");
            wire.write("MAIL FROM:<orders@shop.example>\r\n");
            assertThat(wire.reply()).startsWith("250");
            wire.write("RCPT TO:<Ada@Example.com>\r\n");
            assertThat(wire.reply()).startsWith("550 5.1.1").contains("suppressed");
            wire.write("RCPT TO:<cy@example.com>\r\n");
            assertThat(wire.reply()).startsWith("250");
        }
    }

    private static String message(String to) {
        return "{\"from\": \"orders@shop.example\", \"to\": [" + to
                + "], \"subject\": \"Your receipt\", \"text\": \"Thanks.\"}";
    }

    private void suppress(String address, int expected) {
        HttpResponse<String> answer = call("POST", "/v1/suppressions", ADMIN_KEY, "{\"address\": \"" + address + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
    }

    private HttpResponse<String> post(String key, String body) {
        return call("POST", "/v1/messages", key, body);
    }

    private HttpResponse<String> call(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.httpUrl().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return TestGateway.send(client, request.build());
    }

    /** The message after the dispatcher has done what is due now (on the test's thread), in {@code status}. */
    private JsonNode afterDispatch(String id, String status) {
        time.advance(Duration.ZERO);
        JsonNode view = json(call("GET", "/v1/messages/" + id, SEND_KEY, null));
        assertThat(view.get("status").asText()).as(view.toString()).isEqualTo(status);
        return view;
    }
}
