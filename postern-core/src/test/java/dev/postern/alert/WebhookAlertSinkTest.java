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
            "provider_unhealthy",
            Optional.of("sendgrid"),
            Instant.parse("2026-01-05T09:00:00Z"),
            "sendgrid is unhealthy: timeout",
            Map.of("occurrences", 1L),
            false);

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
    void bodyCarriesEventProviderAtDetailAndCounts() throws Exception {
        new WebhookAlertSink(url(), SECRET).deliver(alert);

        JsonNode json = new ObjectMapper().readTree(body.get());
        assertThat(json.get("event").asText()).isEqualTo("provider_unhealthy");
        assertThat(json.get("provider").asText()).isEqualTo("sendgrid");
        assertThat(json.get("at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(json.get("detail").asText()).isEqualTo("sendgrid is unhealthy: timeout");
        assertThat(json.get("counts").get("occurrences").asLong()).isEqualTo(1);
        assertThat(json.properties()).hasSize(5);
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
