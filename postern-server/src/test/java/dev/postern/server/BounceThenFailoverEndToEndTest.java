package dev.postern.server;

import static dev.postern.server.SimulatedGateway.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The acceptance of the suppression list across a failover, through real parts only: an address
 * that hard-bounces (or complains) at the primary — reported by the primary's simulator through its
 * signed webhook — is on the one suppression list, so once the primary fails and traffic goes to
 * the backup, the backup is never asked to send to it, while the other recipients are sent.
 */
class BounceThenFailoverEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String X = "gone@example.com";
    private static final String Y = "ada@example.com";
    /**
     * A hung primary is suspected after 1 s and its attempt sent on to the backup
     * ({@code on_ambiguous: failover}), instead of after the default 2 s, or 10 s for the request.
     */
    private static final String SHORT_TIMEOUTS = "timeouts: { request: 2s, suspect_after: 1s }";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at the primary, then it fails: {3}")
    @CsvSource({
        "bounce, bounced, hard_bounce, error(503)",
        "complain, complained, complaint, error(503)",
        "bounce, bounced, hard_bounce, hang"
    })
    void anAddressReportedByThePrimaryIsNeverSentToByTheBackupAfterAFailover(
            String scripted, String eventType, String reason, String fault) {
        try (SimulatedProvider primary =
                        SimulatedProvider.start(SimulatedProvider.Type.SENDGRID, "primary", SHORT_TIMEOUTS);
                SimulatedProvider backup = SimulatedProvider.start(SimulatedProvider.Type.MAILGUN, "backup");
                SimulatedGateway gateway = new SimulatedGateway(dir, List.of(primary, backup))) {
            primary.script(X, scripted);

            String first = gateway.send(X);
            JsonNode reported = await().atMost(PATIENCE)
                    .until(
                            () -> gateway.message(first),
                            v -> v.at("/recipients/0/events").size() == 1);
            assertThat(reported.get("provider").asText()).isEqualTo("primary");
            assertThat(reported.at("/recipients/0/events/0/type").asText()).isEqualTo(eventType);
            JsonNode listed = gateway.get("/v1/suppressions?q=gone", ADMIN_KEY).at("/suppressions/0");
            assertThat(listed.get("address").asText()).isEqualTo(X);
            assertThat(listed.get("reason").asText()).isEqualTo(reason);
            assertThat(listed.get("provider").asText()).isEqualTo("primary");

            primary.fault(fault);
            String both = gateway.send(X, Y);
            String onlyX = gateway.send(X);

            JsonNode failedOver = await().atMost(PATIENCE)
                    .until(
                            () -> gateway.message(both),
                            v -> v.at("/recipients/1/events").size() == 1);
            assertThat(failedOver.get("status").asText()).isEqualTo("delivered");
            assertThat(failedOver.get("provider").asText()).isEqualTo("backup");
            assertThat(failedOver.get("attempts"))
                    .extracting(a ->
                            a.get("provider").asText() + " " + a.get("outcome").asText())
                    .containsExactly(
                            // a hang past hand-off is ambiguous: sent on as a possible duplicate
                            "primary " + (fault.equals("hang") ? "ambiguous" : "unavailable"), "backup accepted");
            assertThat(failedOver.get("recipients"))
                    .extracting(r ->
                            r.get("address").asText() + " " + r.get("status").asText())
                    .containsExactly(X + " suppressed", Y + " delivered");
            assertThat(failedOver.at("/recipients/1/events/0/type").asText()).isEqualTo("delivered");
            assertThat(failedOver.at("/recipients/1/events/0/provider").asText())
                    .isEqualTo("backup");
            JsonNode refused = await().atMost(PATIENCE)
                    .until(
                            () -> gateway.message(onlyX),
                            v -> v.get("status").asText().equals("failed"));
            assertThat(refused.get("detail").asText()).isEqualTo("suppressed");
            assertThat(refused.get("attempts")).isEmpty();
            assertThat(backup.simulator.received()).hasSize(1);
            assertThat(backup.simulator.received())
                    .flatExtracting(BounceThenFailoverEndToEndTest::envelope)
                    .containsExactly(Y);
        }
    }

    private static List<String> envelope(ReceivedMessage message) {
        return Stream.of(message.to(), message.cc(), message.bcc())
                .flatMap(List::stream)
                .toList();
    }
}
