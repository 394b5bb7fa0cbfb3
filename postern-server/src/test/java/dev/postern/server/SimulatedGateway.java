package dev.postern.server;

import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.GatewayConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway on loopback with SQLite in {@code dir}, in front of {@code providers} in priority order
 * (the first is the primary), each taking its simulator's delivery events at {@code POST
 * /v1/webhooks/{name}}; subscriptions (SNS) are confirmed through the route as in production.
 */
final class SimulatedGateway implements AutoCloseable {
    static final String SEND_KEY = "pst_test-loop-send-2Rk8";
    static final String ADMIN_KEY = "pst_test-loop-admin-6Tn3";

    final Gateway gateway;
    private final HttpClient client = HttpClient.newHttpClient();

    SimulatedGateway(Path dir, List<SimulatedProvider> providers) {
        StringBuilder entries = new StringBuilder();
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            entries.append(providers.get(i).yaml(i + 1));
            env.putAll(providers.get(i).env());
        }
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0, https: false }
                  smtp: { listen: 127.0.0.1:0 }
                store: sqlite:%s
                auth:
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send], sender_domains: [shop.example] }
                    - { name: ops, key_sha256: %s, scopes: [admin], sender_domains: ["*"] }
                routing: { retry: { initial: 1s, max: 1s } }
                providers:
                %s""".formatted(
                        dir.resolve("postern.db"), Hashes.sha256Hex(SEND_KEY), Hashes.sha256Hex(ADMIN_KEY), entries);
        GatewayConfig config = ConfigLoader.parse(yaml, env::get).orThrow();
        for (SimulatedProvider provider : providers) {
            config = provider.adapt(config);
        }
        gateway = Gateway.start(config, GatewayRuntime.system());
        for (SimulatedProvider provider : providers) {
            provider.target(gateway.httpUrl());
        }
    }

    /** Posts a message from the shop to {@code to} (JSON string items) and returns its id. */
    String send(String... to) {
        String body = "{\"from\": \"orders@shop.example\", \"to\": [\"" + String.join("\", \"", to)
                + "\"], \"subject\": \"Your receipt\", \"text\": \"Thanks for your order.\"}";
        HttpResponse<String> answer = TestGateway.send(
                client,
                request("/v1/messages", SEND_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json(answer).get("id").asText();
    }

    JsonNode message(String id) {
        return get("/v1/messages/" + id, SEND_KEY);
    }

    JsonNode get(String path, String key) {
        HttpResponse<String> answer =
                TestGateway.send(client, request(path, key).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(gateway.httpUrl().resolve(path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        gateway.close();
    }
}
