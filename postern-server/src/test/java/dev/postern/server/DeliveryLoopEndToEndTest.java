package dev.postern.server;

import static dev.postern.server.SimulatedGateway.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole inbound loop for each provider, through real parts only: a message sent through the
 * gateway's HTTP API reaches the provider's simulator, which sends its provider's own signed
 * delivery-event webhooks (SNS subscription first, for SES) to the gateway's {@code POST
 * /v1/webhooks/{name}}, where the provider's real verifier checks them; the events show under the
 * right message and recipient. A wrongly signed event is answered 401 and changes nothing.
 */
class DeliveryLoopEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String DELIVERY_TYPES =
            "/v1/events?type=delivered,bounced,complained,deferred,opened,clicked,unsubscribed";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SimulatedProvider.Type.class)
    void eachRecipientsSignedEventShowsUnderItAndAWronglySignedOneIsRefusedAndChangesNothing(
            SimulatedProvider.Type type) {
        String name = type.name().toLowerCase();
        try (SimulatedProvider provider = SimulatedProvider.start(type, name);
                SimulatedGateway gateway = new SimulatedGateway(dir, List.of(provider))) {
            if (type == SimulatedProvider.Type.SES) {
                // SNS sends nothing until the gateway has confirmed the subscription through its route
                await().atMost(PATIENCE).until(() -> !provider.sent().isEmpty());
                assertThat(provider.sent())
                        .extracting(e ->
                                e.get("what").asText() + " " + e.get("status").asInt())
                        .containsExactly("SubscriptionConfirmation 200");
                assertThat(provider.keys().get("subscription").asText()).isEqualTo("confirmed");
            }
            provider.script("gone@example.com", "bounce");

            String id = gateway.send("ada@example.com", "gone@example.com");

            JsonNode view = await().atMost(PATIENCE)
                    .until(() -> gateway.message(id), DeliveryLoopEndToEndTest::eachRecipientHeardOnce);
            assertThat(view.get("recipients"))
                    .extracting(r -> r.get("address").asText())
                    .containsExactly("ada@example.com", "gone@example.com");
            JsonNode delivered = eventsOf(view, 0).get(0);
            assertThat(delivered.get("type").asText()).isEqualTo("delivered");
            assertThat(delivered.get("provider").asText()).isEqualTo(name);
            JsonNode bounced = eventsOf(view, 1).get(0);
            assertThat(bounced.get("type").asText()).isEqualTo("bounced");
            assertThat(bounced.get("bounce").asText()).isEqualTo("hard");
            assertThat(bounced.get("provider").asText()).isEqualTo(name);
            assertThat(bounced.get("detail").asText()).isNotBlank();
            JsonNode listed = gateway.get(DELIVERY_TYPES, ADMIN_KEY).get("events");
            assertThat(listed).hasSize(2);
            assertThat(listed)
                    .allSatisfy(e -> assertThat(e.get("message_id").asText()).isEqualTo(id));
            assertThat(listed)
                    .extracting(e ->
                            e.get("type").asText() + " " + e.get("recipient").asText())
                    .containsExactlyInAnyOrder("delivered ada@example.com", "bounced gone@example.com");

            provider.forge(view.get("provider_message_id").asText(), "bounce", "ada@example.com");

            // the simulator tries a refused request four times; the last answer ends the exchange
            List<JsonNode> forged = await().atMost(PATIENCE)
                    .until(
                            () -> provider.sent().stream()
                                    .filter(e -> e.get("forged").asBoolean())
                                    .toList(),
                            f -> f.stream().anyMatch(e -> e.get("attempt").asInt() == 4));
            assertThat(forged).extracting(e -> e.get("status").asInt()).containsOnly(401);
            assertThat(gateway.message(id)).isEqualTo(view);
            assertThat(gateway.get(DELIVERY_TYPES, ADMIN_KEY).get("events")).isEqualTo(listed);
        }
    }

    private static boolean eachRecipientHeardOnce(JsonNode view) {
        JsonNode recipients = view.get("recipients");
        return recipients.size() == 2
                && recipients.get(0).get("events").size() == 1
                && recipients.get(1).get("events").size() == 1;
    }

    private static JsonNode eventsOf(JsonNode view, int recipient) {
        return view.get("recipients").get(recipient).get("events");
    }
}
