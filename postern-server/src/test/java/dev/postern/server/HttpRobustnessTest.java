package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.auth.Hashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP clients: slow ones are cut off after {@code server.http.idle_timeout} while others
 * are served; oversized, deeply nested, mistyped and header-stuffed requests get a 4xx; a key over
 * its {@code rate_limit} gets 429 with {@code Retry-After}, and other keys do not.
 */
class HttpRobustnessTest {
    static final String LIMITED_KEY = "pst_test-limited-key-5Ty3";

    @TempDir
    static Path dir;

    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = new TestGateway(
                dir,
                TestGateway.DEFAULT_SINKS,
                "idle_timeout: 1s",
                "    - { name: limited, key_sha256: %s, scopes: [send], sender_domains: [shop.example], rate_limit: { per_second: 1 } }"
                        .formatted(Hashes.sha256Hex(LIMITED_KEY)));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void slowClientsAreClosedAfterTheIdleTimeoutWhileOthersAreServed() throws IOException {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = connect();
                // half a request line and headers, then silence (slowloris)
                s.getOutputStream()
                        .write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bea"
                                .getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            Socket slowBody = connect();
            slowBody.getOutputStream()
                    .write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SEND_KEY
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"from\": ")
                            .getBytes(StandardCharsets.US_ASCII));
            slow.add(slowBody);

            assertThat(FreshHttp.post(gw, "/v1/messages", SEND_KEY, message("a@shop.example", "b@example.com"))
                            .statusCode())
                    .isEqualTo(202);
            for (Socket s : slow) {
                // blocks until the server closes it; the socket's own 15 s timeout fails the test otherwise
                assertThat(readToEnd(s)).doesNotContain("HTTP/1.1 2").doesNotContain("HTTP/1.1 5");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutAContentLength() {
        String big = message("a@shop.example", "b@example.com").replace("Thanks", "x".repeat(70_000));

        HttpResponse<String> declared = FreshHttp.post(gw, "/v1/messages", SEND_KEY, big);
        HttpResponse<String> chunked = FreshHttp.send(gw.request("/v1/messages", SEND_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());

        for (HttpResponse<String> answer : List.of(declared, chunked)) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(json(answer).get("error").get("code").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void deeplyNestedJsonIs400WithoutExhaustingTheStack() {
        String deep = "{\"subject\": " + "[".repeat(30_000) + "]".repeat(30_000) + "}";

        HttpResponse<String> answer = FreshHttp.post(gw, "/v1/messages", SEND_KEY, deep);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).get("error").get("code").asText()).isEqualTo("invalid_json");
        assertThat(FreshHttp.post(gw, "/v1/messages", SEND_KEY, message("a@shop.example", "b@example.com"))
                        .statusCode())
                .isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1"
            })
    void aBodyThatIsNotDeclaredJsonIs415NamingContentType(String type) {
        HttpResponse<String> answer = FreshHttp.send(gw.request("/v1/messages", SEND_KEY)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(message("a@shop.example", "b@example.com")))
                .build());

        assertThat(answer.statusCode()).isEqualTo(415);
        JsonNode error = json(answer).get("error");
        assertThat(error.get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(error.get("field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void jsonWithACharsetOrAnUnstatedTypeIsTaken() {
        HttpResponse<String> charset = FreshHttp.send(gw.request("/v1/messages", SEND_KEY)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(message("a@shop.example", "b@example.com")))
                .build());

        assertThat(charset.statusCode()).isEqualTo(202);
    }

    @Test
    void headersOverTheLimitAre431AndTheServerGoesOn() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream()
                    .write(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Stuffing: " + "a".repeat(20 * 1024)
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            assertThat(readToEnd(s)).startsWith("HTTP/1.1 431");
        }
        assertThat(FreshHttp.get(gw, "/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfterAndOtherKeysDoNot() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(FreshHttp.get(gw, "/v1/messages/none", LIMITED_KEY));
        }

        HttpResponse<String> limited = answers.stream()
                .filter(a -> a.statusCode() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 429 in six requests at 1 per second"));
        assertThat(json(limited).get("error").get("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(limited.body()).doesNotContain(LIMITED_KEY);
        assertThat(FreshHttp.get(gw, "/v1/messages/none", SEND_KEY).statusCode())
                .isEqualTo(404);
    }

    private static Socket connect() throws IOException {
        URI url = gw.gateway.httpUrl();
        Socket s = new Socket(url.getHost(), url.getPort());
        s.setSoTimeout(15_000);
        return s;
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return "[reset]"; // closed hard: as good as closed
        }
    }
}
