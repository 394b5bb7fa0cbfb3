package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.sim.Fault;
import dev.postern.testing.FakeTime;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
    @TempDir
    Path dir;

    /** A gateway that dispatches and retries only when the test advances {@code time}, across restarts too. */
    private TestGateway gateway(FakeTime time) {
        return new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time));
    }

    @Test
    void messagesAcceptedBeforeShutdownAreDeliveredAfterARestart() {
        FakeTime time = new FakeTime(); // one timeline for both runs, as one machine's clock would be
        TestGateway gw = gateway(time);
        gw.emailr.fault(new Fault.Down());
        gw.webhook.fault(new Fault.Down());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer =
                    gw.post("/v1/messages", SEND_KEY, message("a@shop.example", i + "@example.com"));
            assertThat(answer.statusCode()).isEqualTo(202);
            ids.add(json(answer).get("id").asText());
        }
        time.advance(Duration.ZERO); // the pump tries each here: both providers down, so each is deferred

        gw.emailr.fault(new Fault.Ok());
        gw.webhook.fault(new Fault.Ok());
        try (TestGateway restarted = gw.restart()) {
            time.advance(Duration.ofSeconds(2)); // past routing.retry.max: the restarted pump retries each
            for (String id : ids) {
                assertThat(json(restarted.get("/v1/messages/" + id, SEND_KEY))
                                .get("status")
                                .asText())
                        .isEqualTo("delivered");
            }
        }
    }

    @Test
    void closingAnswersEveryRequestInProgressAndEveryQueuedAnswerIsKept() throws Exception {
        TestGateway gw = gateway(new FakeTime());
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch someAccepted = new CountDownLatch(10);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> answer =
                                    gw.post("/v1/messages", SEND_KEY, message("a@shop.example", "b@example.com"));
                            if (answer.statusCode() == 202) {
                                accepted.add(json(answer).get("id").asText());
                                someAccepted.countDown();
                            } else {
                                refused.add(answer.statusCode());
                            }
                        } catch (UncheckedIOException e) {
                            refused.add(-1); // the listener is gone: connection refused or closed
                        }
                    }
                    return null;
                });
            }
            // real clients on real sockets: a bound on their I/O, not a wait for anything time-driven
            assertThat(someAccepted.await(20, TimeUnit.SECONDS)).isTrue();
            gw.gateway.close();
            stop.set(true);
        }

        assertThat(refused).allMatch(status -> status == 503 || status == -1);
        try (TestGateway restarted = gw.restart()) {
            // nothing is delivered before time moves: every stored message is still queued, and each
            // was answered 202 (an accept whose answer was lost in the shutdown would be one more)
            assertThat(json(restarted.get("/v1/queue", SEND_KEY)).get("depth").asLong())
                    .as("messages stored")
                    .isEqualTo(accepted.size());
            for (String id : accepted) {
                assertThat(restarted.get("/v1/messages/" + id, SEND_KEY).statusCode())
                        .as("message %s answered 202 before shutdown", id)
                        .isEqualTo(200);
            }
        }
    }
}
