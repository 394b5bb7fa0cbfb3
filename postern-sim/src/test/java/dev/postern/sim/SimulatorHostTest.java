package dev.postern.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control API over real HTTP. */
class SimulatorHostTest {
    private final SimulatorHost host = SimulatorHost.builder()
            .add("primary", new EchoSimulator().start(), Fault.parse("error(503)"))
            .add("backup", new EchoSimulator().start())
            .start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        host.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host.controlUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsEverySimulatorWithItsAddressAndFault() throws Exception {
        JsonNode list = json.readTree(call("GET", "", null).body());

        assertThat(list.get("primary").get("fault").asText()).isEqualTo("error(503)");
        assertThat(list.get("backup").get("fault").asText()).isEqualTo("ok");
        assertThat(list.get("backup").get("base_url").asText())
                .isEqualTo(host.get("backup").baseUrl().toString());
    }

    @Test
    void setsAFaultAtRunTime() throws Exception {
        HttpResponse<String> response = call("PUT", "/backup/fault", "rate_limit(5s)");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(host.get("backup").fault()).isEqualTo(new Fault.RateLimit(Duration.ofSeconds(5)));
    }

    @Test
    void refusesAnUnknownFaultNamingTheProblem() throws Exception {
        HttpResponse<String> response = call("PUT", "/backup/fault", "explode");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown fault 'explode'");
        assertThat(host.get("backup").fault()).isEqualTo(new Fault.Ok());
    }

    @Test
    void unknownSimulatorIs404() throws Exception {
        assertThat(call("PUT", "/nobody/fault", "ok").statusCode()).isEqualTo(404);
    }

    @Test
    void showsAndForgetsAcceptedMessages() throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(host.get("backup").baseUrl() + "/send"))
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        JsonNode messages = json.readTree(call("GET", "/backup/messages", null).body());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("subject").asText()).isEqualTo("hello");

        assertThat(call("DELETE", "/backup/messages", null).statusCode()).isEqualTo(204);
        assertThat(host.get("backup").received()).isEmpty();
    }

    /** Accepts every POST /send and records its body as the subject. */
    private static final class EchoSimulator extends HttpSimulator {
        EchoSimulator() {
            super("echo", 0);
        }

        @Override
        protected Optional<SimResponse> authenticate(SimRequest request) {
            return Optional.empty();
        }

        @Override
        protected SimResponse unauthorized() {
            return SimResponse.empty(401);
        }

        @Override
        protected SimResponse error(int status) {
            return SimResponse.empty(status);
        }

        @Override
        protected SimResponse rateLimited(Duration retryAfter) {
            return SimResponse.empty(429);
        }

        @Override
        protected SimResponse recipientRejected(SimRequest request) {
            return SimResponse.empty(422);
        }

        @Override
        protected boolean isSend(SimRequest request) {
            return true;
        }

        @Override
        protected SimResponse serve(SimRequest request) {
            String id = nextId("m");
            record(new ReceivedMessage(
                    id,
                    "a@b.example",
                    java.util.List.of("c@d.example"),
                    java.util.List.of(),
                    java.util.List.of(),
                    request.bodyText(),
                    "",
                    null,
                    Map.of(),
                    Map.of(),
                    java.util.List.of(),
                    java.util.List.of()));
            return SimResponse.json(200, Map.of("id", id));
        }
    }
}
