package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.server.auth.Hashes;
import dev.postern.sim.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two send keys on one gateway never meet: an idempotency key belongs to the API key that used it,
 * and a send key reads only the messages it sent (an admin key reads all).
 */
class KeyIsolationTest {
    private static final String OTHER_KEY = "pst_test-other-send-key-5Rt7Lp2X";

    @TempDir
    Path dir;

    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = new TestGateway(
                dir,
                TestGateway.DEFAULT_SINKS,
                "",
                "    - { name: other-shop, key_sha256: %s, scopes: [send], sender_domains: [shop.example] }"
                        .formatted(Hashes.sha256Hex(OTHER_KEY)));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void twoKeysUsingOneIdempotencyKeyEachHaveTheirOwnMessageStoredAndSent() {
        HttpResponse<String> first = gw.post(
                "/v1/messages", SEND_KEY, message("a@shop.example", "ada@example.com"), "Idempotency-Key", "order-42");
        HttpResponse<String> second = gw.post(
                "/v1/messages", OTHER_KEY, message("b@shop.example", "bob@example.com"), "Idempotency-Key", "order-42");

        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
        String mine = json(first).get("id").asText();
        String theirs = json(second).get("id").asText();
        assertThat(theirs).isNotEqualTo(mine);
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.emailr.received().size() == 2);
        assertThat(gw.emailr.received())
                .extracting(ReceivedMessage::to)
                .containsExactlyInAnyOrder(List.of("ada@example.com"), List.of("bob@example.com"));

        HttpResponse<String> replay = gw.post(
                "/v1/messages", OTHER_KEY, message("b@shop.example", "bob@example.com"), "Idempotency-Key", "order-42");
        assertThat(json(replay).get("id").asText()).isEqualTo(theirs);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void twoKeysSendingBatchesUnderOneIdempotencyKeyEachHaveTheirOwnMessagesStored() {
        String batch = "{\"messages\": [" + message("a@shop.example", "ada@example.com") + "]}";

        String mine = json(gw.post("/v1/messages/batch", SEND_KEY, batch, "Idempotency-Key", "run-7"))
                .at("/results/0/id")
                .asText();
        String theirs = json(gw.post("/v1/messages/batch", OTHER_KEY, batch, "Idempotency-Key", "run-7"))
                .at("/results/0/id")
                .asText();

        assertThat(theirs).isNotEqualTo(mine);
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.emailr.received().size() == 2);
        assertThat(gw.get("/v1/messages/" + theirs, OTHER_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyAskingForAnotherKeysMessageIsToldThereIsNoSuchMessage() {
        String id = json(gw.post("/v1/messages", SEND_KEY, message("a@shop.example", "ada@example.com")))
                .get("id")
                .asText();

        HttpResponse<String> other = gw.get("/v1/messages/" + id, OTHER_KEY);
        HttpResponse<String> unknown = gw.get("/v1/messages/01NOSUCHMESSAGE0000000000", OTHER_KEY);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("error").get("code").asText())
                .isEqualTo(json(unknown).get("error").get("code").asText());
        assertThat(other.body()).doesNotContain("attempts", "other-shop", "shop'");
        assertThat(gw.get("/v1/messages/" + id, SEND_KEY).statusCode()).isEqualTo(200);
        assertThat(json(gw.get("/v1/messages/" + id, ADMIN_KEY)).get("id").asText())
                .isEqualTo(id);
    }
}
