package dev.postern.sim.ses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.SimEvents;
import dev.postern.sim.events.WebhookReceiver;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SES events through SNS from the simulator: a signed SubscriptionConfirmation first, notifications
 * only once it is confirmed, each verified with the JDK against the certificate at SigningCertURL.
 */
class SnsEventsTest {
    private static final String AKID = "AKIDSIMULATOR0000001";
    private static final String SECRET = "simulator/secret+key0000000000000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SesSimulator sim = new SesSimulator(0, AKID, SECRET).start();
    private final SimEvents events = sim.webhooks().orElseThrow();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void settingTheTargetSendsASignedSubscriptionConfirmationWhoseUrlConfirms() throws Exception {
        events.target(receiver.url("/v1/webhooks/ses"));

        WebhookReceiver.Hit hit = receiver.await(1).get(0);
        JsonNode message = JSON.readTree(hit.body());
        assertThat(hit.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
        assertThat(message.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
        assertThat(verifies(message)).isTrue();
        assertThat(events.keys()).containsEntry("subscription", "pending");

        HttpResponse<String> confirmed =
                get(URI.create(message.path("SubscribeURL").asText()));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<SubscriptionArn>");
        assertThat(events.keys()).containsEntry("subscription", "confirmed");
    }

    @Test
    void aConfirmationUrlWithAnotherTokenIsRefused() throws Exception {
        events.target(receiver.url("/hook"));
        JsonNode message = JSON.readTree(receiver.await(1).get(0).body());

        String forged = message.path("SubscribeURL").asText().replaceAll("Token=[0-9a-f]+", "Token=00");

        assertThat(get(URI.create(forged)).statusCode()).isEqualTo(400);
        assertThat(events.keys()).containsEntry("subscription", "pending");
    }

    @Test
    void onceConfirmedEachRecipientGetsANotificationCarryingTheSesEvent() throws Exception {
        String id = subscribeAndSend("bounce@simulator.amazonses.com", "Bo <b@example.com>");

        List<WebhookReceiver.Hit> hits = receiver.await(3);
        JsonNode bounce = notificationFor(hits, "bounce@simulator.amazonses.com");
        JsonNode delivery = notificationFor(hits, "b@example.com");
        assertThat(bounce.path("eventType").asText()).isEqualTo("Bounce");
        assertThat(bounce.at("/bounce/bounceType").asText()).isEqualTo("Permanent");
        assertThat(bounce.at("/mail/messageId").asText()).isEqualTo(id);
        assertThat(bounce.at("/mail/tags/postern_id/0").asText()).isEqualTo("m1");
        assertThat(delivery.path("eventType").asText()).isEqualTo("Delivery");
        for (WebhookReceiver.Hit hit : hits.subList(1, 3)) {
            JsonNode message = JSON.readTree(hit.body());
            assertThat(message.path("Type").asText()).isEqualTo("Notification");
            assertThat(message.path("SignatureVersion").asText()).isEqualTo("2");
            assertThat(hit.header("x-amz-sns-message-type")).isEqualTo("Notification");
            assertThat(verifies(message)).isTrue();
        }
    }

    @Test
    void softBouncesAreTransientAndComplaintsNameTheRecipient() throws Exception {
        String id = subscribeAndSend("b@example.com");
        receiver.await(2);

        events.resend(id, EventKind.SOFT_BOUNCE, null, false);
        events.resend(id, EventKind.COMPLAINT, null, false);

        List<WebhookReceiver.Hit> hits = receiver.await(4);
        JsonNode soft =
                JSON.readTree(JSON.readTree(hits.get(2).body()).path("Message").asText());
        JsonNode complaint =
                JSON.readTree(JSON.readTree(hits.get(3).body()).path("Message").asText());
        assertThat(soft.at("/bounce/bounceType").asText()).isEqualTo("Transient");
        assertThat(complaint.path("eventType").asText()).isEqualTo("Complaint");
        assertThat(complaint
                        .at("/complaint/complainedRecipients/0/emailAddress")
                        .asText())
                .isEqualTo("b@example.com");
    }

    @Test
    void aWronglySignedNotificationDoesNotVerify() throws Exception {
        String id = subscribeAndSend("b@example.com");
        receiver.await(2);

        events.resend(id, EventKind.BOUNCE, null, true);

        assertThat(verifies(JSON.readTree(receiver.await(3).get(2).body()))).isFalse();
    }

    /** Subscribes, confirms, sends one message to {@code to}; returns its SES message id. */
    private String subscribeAndSend(String... to) throws Exception {
        events.target(receiver.url("/hook"));
        JsonNode confirmation = JSON.readTree(receiver.await(1).get(0).body());
        assertThat(get(URI.create(confirmation.path("SubscribeURL").asText())).statusCode())
                .isEqualTo(200);
        String body = """
                {"FromEmailAddress": "a@shop.example", "Destination": {"ToAddresses": %s},
                 "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
                 "EmailTags": [{"Name": "postern_id", "Value": "m1"}]}
                """.formatted(JSON.writeValueAsString(to));
        HttpResponse<String> response = HTTP.send(
                signed(SesSimulator.SEND_PATH, body)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("MessageId").asText();
    }

    private static JsonNode notificationFor(List<WebhookReceiver.Hit> hits, String recipient) throws Exception {
        for (WebhookReceiver.Hit hit : hits) {
            JsonNode message = JSON.readTree(hit.body());
            if (message.path("Type").asText().equals("Notification")) {
                JsonNode ses = JSON.readTree(message.path("Message").asText());
                if (ses.toString().contains("\"" + recipient + "\"")
                        && !ses.path("eventType").isMissingNode()) {
                    boolean about = ses.path("eventType").asText().equals("Delivery")
                            ? ses.at("/delivery/recipients/0").asText().equals(recipient)
                            : ses.at("/bounce/bouncedRecipients/0/emailAddress")
                                    .asText()
                                    .equals(recipient);
                    if (about) {
                        return ses;
                    }
                }
            }
        }
        throw new AssertionError("no notification for " + recipient);
    }

    /** Verifies as SNS documents: fetch the certificate, rebuild the string to sign, SHA256withRSA. */
    private static boolean verifies(JsonNode message) throws Exception {
        HttpResponse<byte[]> pem = HTTP.send(
                HttpRequest.newBuilder(URI.create(message.path("SigningCertURL").asText()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        X509Certificate certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.body()));
        List<String> fields = message.path("Type").asText().equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder toSign = new StringBuilder();
        for (String field : fields) {
            if (message.has(field)) {
                toSign.append(field)
                        .append('\n')
                        .append(message.path(field).asText())
                        .append('\n');
            }
        }
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(certificate.getPublicKey());
        rsa.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
        return rsa.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request signed with SigV4 over host and x-amz-date, as the AWS SDKs sign. */
    private HttpRequest.Builder signed(String path, String body) {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        SigV4.Authorization scope =
                new SigV4.Authorization(AKID, amzDate.substring(0, 8), "eu-west-1", "ses", "host;x-amz-date", "");
        URI uri = URI.create(sim.baseUrl() + path);
        String canonical = String.join(
                "\n",
                "POST",
                path,
                "",
                "host:" + uri.getAuthority() + "\nx-amz-date:" + amzDate + "\n",
                scope.signedHeaders(),
                SigV4.hex(SigV4.sha256(body.getBytes(StandardCharsets.UTF_8))));
        String signature = SigV4.sign(SECRET, scope, amzDate, canonical);
        return HttpRequest.newBuilder(uri)
                .header("X-Amz-Date", amzDate)
                .header(
                        "Authorization",
                        SigV4.ALGORITHM + " Credential=" + AKID + "/" + scope.scope() + ", SignedHeaders="
                                + scope.signedHeaders() + ", Signature=" + signature);
    }
}
