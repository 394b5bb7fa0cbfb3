package dev.postern.sim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.sim.Fault;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every fault mode over real HTTP on loopback. */
class HttpSimulatorTest {
    private final TestSimulator sim = (TestSimulator) new TestSimulator().start();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> send(String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/send"))
                .timeout(Duration.ofMillis(800))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void okAcceptsAndRecordsTheMessage() throws Exception {
        HttpResponse<String> response = send("good");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"msg-1\"}");
        assertThat(sim.received())
                .singleElement()
                .satisfies(m -> assertThat(m.subject()).isEqualTo("hello"));
    }

    @Test
    void wrongCredentialsGetTheProvidersAnswer() throws Exception {
        assertThat(send("bad").statusCode()).isEqualTo(401);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void downRefusesConnectionsAndOkReopensTheSamePort() throws Exception {
        URI before = sim.baseUrl();
        sim.fault(new Fault.Down());

        assertThatThrownBy(() -> send("good")).isInstanceOf(ConnectException.class);

        sim.fault(new Fault.Ok());
        assertThat(sim.baseUrl()).isEqualTo(before);
        assertThat(send("good").statusCode()).isEqualTo(200);
    }

    @Test
    void hangHoldsTheRequestUntilTheClientGivesUp() {
        sim.fault(new Fault.Hang());

        assertThatThrownBy(() -> send("good")).isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void slowAnswersNormallyAfterTheDelay() throws Exception {
        sim.fault(new Fault.Slow(Duration.ofMillis(200)));
        Instant start = Instant.now();

        assertThat(send("good").statusCode()).isEqualTo(200);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void errorRateLimitAuthFailAndRejectUseTheProvidersShapes() throws Exception {
        sim.fault(new Fault.Error(503));
        assertThat(send("good").body()).isEqualTo("{\"error\":\"status 503\"}");

        sim.fault(new Fault.RateLimit(Duration.ofSeconds(7)));
        HttpResponse<String> limited = send("good");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");

        sim.fault(new Fault.AuthFail());
        assertThat(send("good").statusCode()).isEqualTo(401);

        sim.fault(new Fault.RejectRecipient());
        assertThat(send("good").statusCode()).isEqualTo(422);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void garbageAnswers200WithAnUnparseableBody() throws Exception {
        sim.fault(new Fault.Garbage());

        HttpResponse<String> response = send("good");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\": <<");
    }

    @Test
    void resetAfterBodyClosesTheConnectionWithoutAnswer() {
        sim.fault(new Fault.ResetAfterBody());

        assertThatThrownBy(() -> send("good")).isInstanceOf(IOException.class);
    }

    @Test
    void flapSwitchesBetweenItsStepsOnSchedule() throws Exception {
        // steps long enough that a loaded machine's delays cannot carry a request into the next one
        sim.fault(Fault.parse("flap(error(500) 3s, ok 20s)"));
        assertThat(send("good").statusCode()).isEqualTo(500);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sim.fault().equals(new Fault.Ok()));
        assertThat(send("good").statusCode()).isEqualTo(200);
    }
}
