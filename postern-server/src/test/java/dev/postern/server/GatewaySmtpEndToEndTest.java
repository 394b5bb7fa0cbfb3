package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.smtp.MailClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application's mail over SMTP (Angus Mail, STARTTLS, AUTH) through the gateway to a provider. */
class GatewaySmtpEndToEndTest {
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 queued as (\\S+)");

    @TempDir
    Path dir;

    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void mailRelayedWithStartTlsAndAuthIsDeliveredAndVisibleToAdminKeysButNotToOtherSenders() throws Exception {
        gateway = new TestGateway(dir);
        String raw = String.join(
                "\r\n",
                "From: Shop <orders@shop.example>",
                "To: Ada <ada@example.com>",
                "Subject: Your receipt",
                "Message-ID: <r-42@shop.example>",
                "",
                "Thanks for your order.",
                "");

        String reply = new MailClient(gateway.gateway.smtpPort())
                .auth("PLAIN")
                .startTls(TestGateway.testResource("tls/relay-test.crt"))
                .send(raw, TestGateway.SMTP_USER, TestGateway.SMTP_PASSWORD);

        Matcher queued = QUEUED.matcher(reply);
        assertThat(queued.find()).as(reply).isTrue();
        String id = queued.group(1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> gateway.emailr.received().stream()
                        .anyMatch(m -> id.equals(m.metadata().get("postern_id"))));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TestGateway.json(gateway.get("/v1/messages/" + id, TestGateway.ADMIN_KEY))
                        .path("status")
                        .asText()
                        .equals("delivered"));
        JsonNode view = TestGateway.json(gateway.get("/v1/messages/" + id, TestGateway.ADMIN_KEY));
        assertThat(view.path("provider").asText()).isEqualTo("emailr");
        assertThat(view.path("attempts").get(0).path("outcome").asText()).isEqualTo("accepted");
        // the SMTP user's mail is its own: a send key that did not send it cannot read it
        assertThat(gateway.get("/v1/messages/" + id, TestGateway.SEND_KEY).statusCode())
                .isEqualTo(404);
    }
}
