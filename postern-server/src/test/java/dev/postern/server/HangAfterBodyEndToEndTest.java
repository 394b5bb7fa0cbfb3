package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.Fault;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25, item 4, through the real HTTP adapter: the primary takes the body and never answers
 * (the simulator's {@code hang}). When it turns suspect, its attempt past hand-off is abandoned and
 * the message goes to the backup (on_ambiguous: failover, the default), recorded as a possible
 * duplicate, instead of waiting out the request timeout.
 */
class HangAfterBodyEndToEndTest {
    /** Long beside suspect_after: an attempt that waited for it would say "no answer within". */
    private static final String EMAILR = "timeouts: { request: 20s, suspect_after: 300ms }";

    @TempDir
    Path dir;

    @Test
    void anAttemptPastHandOffIsAbandonedAtSuspicionAndShownAsAPossibleDuplicate() {
        try (EmailrSimulator emailr = new EmailrSimulator(0, TestGateway.EMAILR_KEY);
                WebhookSimulator webhook = new WebhookSimulator(0, TestGateway.WEBHOOK_KEY)) {
            emailr.start();
            webhook.start();
            emailr.fault(new Fault.Hang());
            try (TestGateway gw =
                    TestGateway.instance("sqlite:" + dir.resolve("postern.db"), EMAILR, emailr, webhook)) {
                String id = json(gw.post("/v1/messages", SEND_KEY, message("orders@shop.example", "ada@example.com")))
                        .get("id")
                        .asText();

                JsonNode view = await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> json(gw.get("/v1/messages/" + id, SEND_KEY)),
                                v -> v.get("status").asText().equals("delivered"));

                assertThat(view.get("provider").asText()).isEqualTo("backup");
                JsonNode abandoned = view.get("attempts").get(0);
                assertThat(abandoned.get("provider").asText()).isEqualTo("emailr");
                assertThat(abandoned.get("outcome").asText()).isEqualTo("ambiguous");
                assertThat(abandoned.get("detail").asText()).startsWith("abandoned: emailr suspect");
                assertThat(abandoned.get("possible_duplicate").asBoolean()).isTrue();
                JsonNode delivered = view.get("attempts").get(1);
                assertThat(delivered.get("outcome").asText()).isEqualTo("accepted");
                assertThat(delivered.get("possible_duplicate").asBoolean()).isFalse();
                assertThat(webhook.received()).hasSize(1);
                PromText metrics = PromText.parse(gw.get("/metrics", null).body());
                assertThat(metrics.value("postern_messages_possible_duplicates_total"))
                        .isEqualTo(1);
            }
        }
    }
}
