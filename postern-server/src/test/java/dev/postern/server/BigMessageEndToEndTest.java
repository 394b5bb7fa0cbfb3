package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.http.BigMessages;
import dev.postern.server.smtp.MailClient;
import dev.postern.sim.ReceivedMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accepted means delivered, at the size limits: the largest message the HTTP API or the SMTP relay
 * takes (with the default {@code max_request_bytes} and {@code max_message_bytes}) reaches a
 * provider byte for byte. emailr takes at most 10 MiB, so these go to the webhook simulator.
 */
class BigMessageEndToEndTest {
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 queued as (\\S+)");

    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeEach
    void start() {
        // the defaults of server.http.max_request_bytes and server.smtp.max_message_bytes
        gateway = new TestGateway(
                dir, TestGateway.DEFAULT_SINKS, "max_request_bytes: 31457280", "", "max_message_bytes: 26214400");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** Reads both the API's and the relay's messages: a send key sees only its own (docs/api.md). */
    private static final String READER = TestGateway.ADMIN_KEY;

    @Test
    void theLargestAttachmentTheApiTakesIsDeliveredByteForByte() {
        String subject = "Largest over HTTP";
        byte[] content = BigMessages.bytes(BigMessages.largestAttachment(subject, "x"), 7);
        byte[] body = BigMessages.body(BigMessages.email(subject, "x", content));

        HttpResponse<String> answer = gateway.send(gateway.request("/v1/messages", TestGateway.SEND_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertDelivered(TestGateway.json(answer).get("id").asText(), subject, content);
    }

    /**
     * 18 MiB is 24.6 MiB in base64 lines, within 2% of the relay's 25 MiB; a 24 MiB attachment
     * would be 32.8 MiB of MIME, which no default limit takes.
     */
    @Test
    void anEighteenMebibyteAttachmentRelayedOverSmtpIsDeliveredByteForByte() throws Exception {
        String subject = "Largest over SMTP";
        byte[] content = BigMessages.bytes(18 * 1024 * 1024, 8);
        String raw = String.join(
                "\r\n",
                "From: Shop <" + BigMessages.FROM + ">",
                "To: Ada <" + BigMessages.TO + ">",
                "Subject: " + subject,
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "x",
                "--b1",
                "Content-Type: " + BigMessages.CONTENT_TYPE,
                "Content-Disposition: attachment; filename=\"" + BigMessages.FILENAME + "\"",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getMimeEncoder().encodeToString(content),
                "--b1--",
                "");
        assertThat(raw.length()).isLessThanOrEqualTo(26214400);

        String reply = new MailClient(gateway.gateway.smtpPort())
                .auth("PLAIN")
                .startTls(TestGateway.testResource("tls/relay-test.crt"))
                .send(raw, TestGateway.SMTP_USER, TestGateway.SMTP_PASSWORD);

        Matcher queued = QUEUED.matcher(reply);
        assertThat(queued.find()).as(reply).isTrue();
        assertDelivered(queued.group(1), subject, content);
    }

    private void assertDelivered(String id, String subject, byte[] content) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status(id).equals("delivered") || status(id).equals("failed"));
        JsonNode view = TestGateway.json(gateway.get("/v1/messages/" + id, READER));
        assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("delivered");
        assertThat(view.path("provider").asText()).isEqualTo("backup");
        Optional<ReceivedMessage> received = gateway.webhook.received().stream()
                .filter(m -> m.subject().equals(subject))
                .findFirst();
        assertThat(received).isPresent();
        assertThat(received.get().attachments()).hasSize(1);
        ReceivedMessage.ReceivedAttachment attachment =
                received.get().attachments().get(0);
        assertThat(attachment.filename()).isEqualTo(BigMessages.FILENAME);
        // Arrays.equals rather than isEqualTo: a failure must not print megabytes
        assertThat(Arrays.equals(attachment.content(), content))
                .as("%d bytes received, %d sent", attachment.content().length, content.length)
                .isTrue();
    }

    private String status(String id) {
        return TestGateway.json(gateway.get("/v1/messages/" + id, READER))
                .path("status")
                .asText();
    }
}
