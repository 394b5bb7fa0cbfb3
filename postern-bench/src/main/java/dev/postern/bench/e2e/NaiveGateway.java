package dev.postern.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.GatewayConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The baseline: the failover most tutorials show, with the same adapters as Postern. For each
 * {@code POST /v1/messages} it walks the providers in fixed priority order, checks the provider's
 * health, and sends if healthy — synchronously, inside the request: no queue, no breaker, no
 * memory of earlier failures, no rate awareness. It answers {@code 200 {"id", "status":
 * "delivered", "provider"}} once a provider took the message, {@code 502} when none did (the message
 * is then the client's problem). Reads the same {@code postern.yml} as Postern; prints {@code ready}.
 */
public final class NaiveGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Named(String name, Provider provider) {}

    private NaiveGateway() {}

    public static void main(String[] args) throws Exception {
        GatewayConfig config = ConfigLoader.load(Path.of(args[0])).orThrow();
        List<Named> providers = config.providers().stream()
                .sorted(Comparator.comparingInt(e -> e.routing().priority()))
                .map(e -> new Named(e.name(), e.create()))
                .toList();
        HttpServer server = HttpServer.create(
                new InetSocketAddress(
                        config.http().listen().host(), config.http().listen().port()),
                1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/healthz", exchange -> answer(exchange, 200, Map.of("status", "ok")));
        server.createContext("/v1/messages", exchange -> send(exchange, providers));
        server.start();
        System.out.println("ready " + config.http().listen());
        new CountDownLatch(1).await();
    }

    private static void send(HttpExchange exchange, List<Named> providers) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            List<String> to = new ArrayList<>();
            body.path("to").forEach(n -> to.add(n.asText()));
            Email email = Email.builder()
                    .from(body.path("from").asText())
                    .to(to.toArray(String[]::new))
                    .subject(body.path("subject").asText())
                    .text(body.path("text").asText())
                    .build();
            String id = UUID.randomUUID().toString();
            for (Named named : providers) {
                if (!named.provider().checkHealth().healthy()) {
                    continue;
                }
                SendOutcome outcome = named.provider().send(email, new AttemptContext(id, 1, true));
                if (outcome instanceof SendOutcome.Accepted) {
                    answer(exchange, 200, Map.of("id", id, "status", "delivered", "provider", named.name()));
                    return;
                }
            }
            answer(exchange, 502, Map.of("error", Map.of("code", "no_provider", "message", "no provider took it")));
        } catch (RuntimeException e) {
            answer(
                    exchange,
                    400,
                    Map.of("error", Map.of("code", "invalid", "message", String.valueOf(e.getMessage()))));
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
