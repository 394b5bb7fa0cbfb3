package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.testing.FakeTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The email alert sink of a real gateway, in front of simulators, while its primary is down. */
class EmailAlertThroughGatewayTest {
    private static final String EMAIL_SINK = """
                - { type: log }
                - { type: email, to: [oncall@shop.example], from: "Postern <postern@shop.example>" }
            """;

    @TempDir
    Path dir;

    @Test
    void theAlertGoesThroughTheHealthyProviderNeverThroughTheFailingOne() {
        FakeTime time = new FakeTime();
        try (TestGateway gw = new TestGateway(dir, EMAIL_SINK, TestGateway.on(time))) {
            gw.emailr.fault(new Fault.Down());

            assertThat(gw.post(
                                    "/v1/messages",
                                    TestGateway.SEND_KEY,
                                    TestGateway.message("orders@shop.example", "ada@example.com"))
                            .statusCode())
                    .isEqualTo(202);

            // the message fails over to the backup, and the incident it opens is mailed through it too
            time.advance(Duration.ZERO); // the pump runs here: the failover happens now
            time.advance(Duration.ofSeconds(5)); // alerts.group_wait: the incident's page goes out
            // alert sinks run on the runtime's event executor: the mail has left when advance returns
            assertThat(alertMails(gw.webhook.received())).hasSize(1);
            ReceivedMessage alert = alertMails(gw.webhook.received()).getFirst();
            assertThat(alert.subject()).startsWith("[Postern] OPENED emailr: incident emailr-");
            assertThat(alert.to()).containsExactly("oncall@shop.example");
            assertThat(alert.text()).contains("emailr is failing (failover)", "messages_failed_over: 1");

            // emailr is back: it takes the next message, yet no alert mail ever went its way
            gw.emailr.fault(new Fault.Ok());
            gw.post(
                    "/v1/messages",
                    TestGateway.SEND_KEY,
                    TestGateway.message("orders@shop.example", "grace@example.com"));
            time.advance(Duration.ZERO); // the pump runs here, to the end of the send
            assertThat(gw.emailr.received()).isNotEmpty();
            assertThat(alertMails(gw.emailr.received())).isEmpty();
        }
    }

    private static List<ReceivedMessage> alertMails(List<ReceivedMessage> received) {
        return received.stream()
                .filter(m -> m.subject().startsWith("[Postern]"))
                .toList();
    }
}
