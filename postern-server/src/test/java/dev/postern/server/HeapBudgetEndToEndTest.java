package dev.postern.server;

import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.http.BigMessages;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel large bodies against a gateway with a small heap ({@code -Xmx256m}, in its own process):
 * what the API reads and parses at once is bounded server-wide, so the burst is answered only with
 * 202s and {@code 503 overloaded} + {@code Retry-After} — never a 500 from an {@link
 * OutOfMemoryError} — and afterwards the gateway serves a normal send and delivers every message it
 * accepted. Ordinary messages sent during the burst are all accepted: large bodies never take
 * the part of the budget kept for them.
 */
class HeapBudgetEndToEndTest {
    private static final Pattern READY = Pattern.compile("ready (http://\\S+)");
    private static final int PARALLEL = 24;
    /** 14.6 MB of attachment is a 19.5 MB body, as in the report of issue #20. */
    private static final int ATTACHMENT_BYTES = 14_600_000;

    @TempDir
    Path dir;

    @Test
    void aBurstOfLargeBodiesInASmallHeapGetsOnly202And503AndEveryAcceptedMessageIsDelivered() throws Exception {
        byte[] body = BigMessages.body(BigMessages.email("Burst", "x", BigMessages.bytes(ATTACHMENT_BYTES, 20)));
        assertThat(body.length).isBetween(19_000_000, 20_000_000);
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY)) {
            emailr.start();
            webhook.start();
            Process gateway = child(emailr.baseUrl(), webhook.baseUrl());
            StringBuffer log = new StringBuffer();
            try (HttpClient http = HttpClient.newHttpClient()) {
                URI url = ready(gateway, log).get(60, TimeUnit.SECONDS);

                List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    burst.add(http.sendAsync(post(url, body), HttpResponse.BodyHandlers.ofString()));
                }
                // ordinary messages sent meanwhile are never starved by the large ones: 202, each
                List<CompletableFuture<HttpResponse<String>>> ordinary = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    byte[] small = TestGateway.message("orders@shop.example", "during-" + i + "@example.com")
                            .getBytes(StandardCharsets.UTF_8);
                    ordinary.add(http.sendAsync(post(url, small), HttpResponse.BodyHandlers.ofString()));
                }
                List<String> accepted = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> f : ordinary) {
                    HttpResponse<String> answer = f.get(120, TimeUnit.SECONDS);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                    accepted.add(
                            TestGateway.JSON.readTree(answer.body()).get("id").asText());
                }
                int refused = 0;
                for (CompletableFuture<HttpResponse<String>> f : burst) {
                    HttpResponse<String> answer = f.get(120, TimeUnit.SECONDS);
                    assertThat(answer.statusCode()).as(answer.body()).isIn(202, 503);
                    JsonNode json = TestGateway.JSON.readTree(answer.body());
                    if (answer.statusCode() == 202) {
                        accepted.add(json.get("id").asText());
                    } else {
                        refused++;
                        assertThat(json.path("error").path("code").asText()).isEqualTo("overloaded");
                        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                    }
                }
                System.out.printf("heap budget test: %d accepted, %d refused%n", accepted.size(), refused);

                HttpResponse<String> normal = http.send(
                        post(
                                url,
                                TestGateway.message("orders@shop.example", "ada@example.com")
                                        .getBytes(StandardCharsets.UTF_8)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(normal.statusCode()).as(normal.body()).isEqualTo(202);
                accepted.add(TestGateway.JSON.readTree(normal.body()).get("id").asText());
                assertThat(accepted).hasSizeGreaterThan(21);
                for (String id : accepted) {
                    await().atMost(Duration.ofSeconds(120))
                            .until(() -> status(http, url, id).equals("delivered"));
                }
                assertThat(gateway.isAlive()).isTrue();
            } finally {
                gateway.destroyForcibly().waitFor();
            }
            assertThat(log + Files.readString(dir.resolve("gateway.err"))).doesNotContain("OutOfMemoryError");
        }
    }

    private static HttpRequest post(URI url, byte[] body) {
        return HttpRequest.newBuilder(url.resolve("/v1/messages"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + SEND_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static String status(HttpClient http, URI url, String id) throws IOException, InterruptedException {
        HttpResponse<String> view = http.send(
                HttpRequest.newBuilder(url.resolve("/v1/messages/" + id))
                        .header("Authorization", "Bearer " + SEND_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return TestGateway.JSON.readTree(view.body()).path("status").asText();
    }

    private Process child(URI emailr, URI webhook) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        GatewayChild.class.getName(),
                        "sqlite:" + dir.resolve("postern.db"),
                        emailr.toString(),
                        webhook.toString(),
                        // the default limit, which carries the largest message
                        "max_request_bytes: 31457280")
                .redirectError(dir.resolve("gateway.err").toFile())
                .start();
    }

    /** The gateway's URL once it prints it; everything it prints goes to {@code log}. */
    private static CompletableFuture<URI> ready(Process process, StringBuffer log) {
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    log.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        return ready;
    }
}
