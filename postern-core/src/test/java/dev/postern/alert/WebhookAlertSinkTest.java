package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sink against a real HTTP server on loopback. */
class WebhookAlertSinkTest {
    private static final String SECRET = "whsec-test-0123456789";

    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicReference<String> signature = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer server;

    private final Alert alert = new Alert(
            "drill_started",
            Optional.of("sendgrid"),
            Instant.parse("2026-01-05T09:00:00Z"),
            "failover drill on sendgrid started for PT10M",
            Map.of("occurrences", 1L),
            false);

    private final IncidentView resolved = new IncidentView(
            "sendgrid-20260105T090000Z-1",
            IncidentView.State.RESOLVED,
            Optional.of("sendgrid"),
            "provider_down",
            Instant.parse("2026-01-05T09:00:00Z"),
            Optional.of(Instant.parse("2026-01-05T09:01:05Z")),
            List.of("failover", "breaker_opened"),
            Map.of("messages_failed_over", 200L, "latency_max_ms", 12L),
            Optional.of("unavailable: connection refused"));

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/postern", exchange -> {
            body.set(exchange.getRequestBody().readAllBytes());
            signature.set(exchange.getRequestHeaders().getFirst("X-Postern-Signature"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/postern");
    }

    private static String hmacSha256Hex(String secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data));
    }

    @Test
    void signatureVerifiesAgainstTheRawBodyWithTheSharedSecret() throws Exception {
        new WebhookAlertSink(url(), SECRET).deliver(alert);

        assertThat(signature.get()).isEqualTo("sha256=" + hmacSha256Hex(SECRET, body.get()));
        assertThat(signature.get()).isNotEqualTo("sha256=" + hmacSha256Hex("another-secret", body.get()));
        assertThat(contentType.get()).isEqualTo("application/json");
    }

    @Test
    void bodyCarriesEventProviderAtDetailAndCountsAndANullIncidentOutsideIncidents() throws Exception {
        new WebhookAlertSink(url(), SECRET).deliver(alert);

        JsonNode json = new ObjectMapper().readTree(body.get());
        assertThat(json.get("event").asText()).isEqualTo("drill_started");
        assertThat(json.get("provider").asText()).isEqualTo("sendgrid");
        assertThat(json.get("at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(json.get("detail").asText()).isEqualTo("failover drill on sendgrid started for PT10M");
        assertThat(json.get("counts").get("occurrences").asLong()).isEqualTo(1);
        assertThat(json.get("incident").isNull()).isTrue();
        assertThat(json.properties()).hasSize(6);
    }

    @Test
    void anIncidentsNotificationCarriesTheIncidentBesideTheTopLevelFields() throws Exception {
        Alert notice = new Alert(
                "incident_resolved",
                Optional.of("sendgrid"),
                Instant.parse("2026-01-05T09:01:05Z"),
                "sendgrid is back after 1m 5s",
                Map.of("messages_failed_over", 200L, "occurrences", 1L),
                false,
                Optional.of(resolved));

        new WebhookAlertSink(url(), SECRET).deliver(notice);

        JsonNode json = new ObjectMapper().readTree(body.get());
        assertThat(json.get("event").asText()).isEqualTo("incident_resolved");
        JsonNode incident = json.get("incident");
        assertThat(incident.get("id").asText()).isEqualTo("sendgrid-20260105T090000Z-1");
        assertThat(incident.get("state").asText()).isEqualTo("resolved");
        assertThat(incident.get("provider").asText()).isEqualTo("sendgrid");
        assertThat(incident.get("condition").asText()).isEqualTo("provider_down");
        assertThat(incident.get("opened_at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(incident.get("resolved_at").asText()).isEqualTo("2026-01-05T09:01:05Z");
        assertThat(incident.get("signals").toString()).isEqualTo("[\"failover\",\"breaker_opened\"]");
        assertThat(incident.get("counts").get("messages_failed_over").asLong()).isEqualTo(200);
        assertThat(incident.get("last_answer").asText()).isEqualTo("unavailable: connection refused");
        assertThat(signature.get()).isEqualTo("sha256=" + hmacSha256Hex(SECRET, body.get()));
    }

    @Test
    void aNon2xxAnswerIsAFailedDelivery() {
        status.set(500);

        assertThatThrownBy(() -> new WebhookAlertSink(url(), SECRET).deliver(alert))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void theSecretNeverAppearsInTheSinksDescription() {
        assertThat(new WebhookAlertSink(url(), SECRET).toString())
                .doesNotContain(SECRET)
                .doesNotContain("/hooks/postern");
    }
}
