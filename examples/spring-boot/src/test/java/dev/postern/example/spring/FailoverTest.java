package dev.postern.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.postmark.PostmarkSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application, unchanged, against two simulated providers: the primary answers every
 * send with 503, and the receipt arrives through the backup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailoverTest {
    private static final String SENDGRID_KEY = "SG.sample-app.0123456789abcdef";
    private static final String POSTMARK_TOKEN = "sample-app-server-token";
    private static final SendGridSimulator PRIMARY = new SendGridSimulator(0, SENDGRID_KEY);
    private static final PostmarkSimulator BACKUP = new PostmarkSimulator(0, POSTMARK_TOKEN);

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry properties) {
        PRIMARY.start();
        BACKUP.start();
        properties.add("SENDGRID_API_KEY", () -> SENDGRID_KEY);
        properties.add("SENDGRID_BASE_URL", () -> PRIMARY.baseUrl().toString());
        properties.add("POSTMARK_SERVER_TOKEN", () -> POSTMARK_TOKEN);
        properties.add("POSTMARK_BASE_URL", () -> BACKUP.baseUrl().toString());
    }

    @AfterAll
    static void stop() {
        PRIMARY.close();
        BACKUP.close();
    }

    @Autowired
    ReceiptMailer mailer;

    @LocalServerPort
    int port;

    @Test
    void aReceiptSentWhileThePrimaryFailsArrivesThroughTheBackupAndHealthShowsBoth() throws Exception {
        PRIMARY.fault(new Fault.Error(503));

        mailer.sendReceipt("Ada Lovelace <ada@example.com>", "A-1001");

        assertThat(PRIMARY.received()).isEmpty();
        assertThat(BACKUP.received())
                .singleElement()
                .extracting(ReceivedMessage::subject)
                .isEqualTo("Your receipt for order A-1001");

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode postern = new ObjectMapper().readTree(response.body()).at("/components/postern");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(postern.at("/status").asText()).isEqualTo("UP");
        JsonNode providers = postern.at("/components");
        assertThat(providers.fieldNames()).toIterable().containsExactlyInAnyOrder("primary", "backup");
        assertThat(providers.at("/backup/status").asText()).isEqualTo("UP");
        assertThat(providers.at("/backup/details/state").asText()).isEqualTo("available");
        assertThat(providers.at("/primary/details/breaker").asText()).isIn("closed", "open");
        assertThat(providers.at("/primary/details/type").asText()).isEqualTo("sendgrid");
    }
}
