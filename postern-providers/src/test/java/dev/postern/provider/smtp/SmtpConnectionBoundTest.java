package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.smtp.SmtpSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connection reuse under the dispatcher's concurrency: many sends at once share at most {@code
 * max_connections} sessions to the relay, counted at the relay (the simulator's sessions).
 */
class SmtpConnectionBoundTest {
    private SmtpSimulator simulator;

    @BeforeEach
    void start() {
        simulator = new SmtpSimulator(0, "user", "bound-Pa55-word").start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private SmtpConfig config() {
        return SmtpConfig.of("127.0.0.1", simulator.port())
                .withTls(SmtpTls.NONE)
                .withCredentials("user", new Secret("bound-Pa55-word"))
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))));
    }

    private static List<SendOutcome> sendConcurrently(SmtpProvider adapter, int messages, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SendOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                AttemptContext context = new AttemptContext("01JBOUND" + i, 1, true);
                futures.add(pool.submit(() -> adapter.send(ProviderContract.richEmail(), context)));
            }
            List<SendOutcome> outcomes = new ArrayList<>();
            for (Future<SendOutcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSendsShareAtMostTheDefaultNumberOfConnections() throws Exception {
        List<SendOutcome> outcomes;
        try (SmtpProvider adapter = new SmtpProvider(config(), Clock.systemUTC())) {
            outcomes = sendConcurrently(adapter, 64, 32);
        }

        assertThat(outcomes).allMatch(o -> o instanceof SendOutcome.Accepted);
        assertThat(simulator.received()).hasSize(64);
        assertThat(simulator.sessionsOpened()).isLessThanOrEqualTo(SmtpConfig.DEFAULT_MAX_CONNECTIONS);
    }

    @Test
    void sendsBeyondMaxConnectionsWaitForAFreeConnectionInsteadOfOpeningOne() throws Exception {
        List<SendOutcome> outcomes;
        try (SmtpProvider adapter = new SmtpProvider(config().withMaxConnections(4), Clock.systemUTC())) {
            outcomes = sendConcurrently(adapter, 64, 32);
        }

        assertThat(outcomes).allMatch(o -> o instanceof SendOutcome.Accepted);
        assertThat(simulator.received()).hasSize(64);
        assertThat(simulator.sessionsOpened()).isLessThanOrEqualTo(4);
    }

    @Test
    void idleConnectionsTheRelayDroppedAreReplacedWithoutFailingOrAmbiguousSends() throws Exception {
        try (SmtpProvider adapter = new SmtpProvider(config().withMaxConnections(4), Clock.systemUTC())) {
            sendConcurrently(adapter, 16, 8);
            int before = simulator.sessionsOpened();
            simulator.fault(new Fault.Down()); // ends every open session: every idle connection is dead
            simulator.fault(new Fault.Ok());

            List<SendOutcome> outcomes = sendConcurrently(adapter, 8, 8);

            assertThat(outcomes).allMatch(o -> o instanceof SendOutcome.Accepted);
            assertThat(simulator.sessionsOpened() - before).isBetween(1, 4);
        }
    }

    @Test
    void aCancelledAttemptStopsWaitingForAConnection() throws Exception {
        simulator.fault(new Fault.Hang()); // the first send holds the only connection, unanswered
        ExecutorService threads = Executors.newFixedThreadPool(2);
        SmtpConfig slow = config().withMaxConnections(1)
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30))));
        try (SmtpProvider adapter = new SmtpProvider(slow, Clock.systemUTC())) {
            AttemptContext holder = new AttemptContext("01JHOLD", 1, true);
            Future<SendOutcome> holding = threads.submit(() -> adapter.send(ProviderContract.richEmail(), holder));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> holder.phase() == AttemptPhase.AWAITING_ANSWER); // past its final dot
            AttemptContext waiter = new AttemptContext("01JWAIT", 1, true);
            Future<SendOutcome> waiting = threads.submit(() -> adapter.send(ProviderContract.richEmail(), waiter));
            await().atMost(Duration.ofSeconds(20))
                    .until(waiter::cancellable); // registered its cancel hook: it is waiting

            assertThat(waiter.cancel()).isTrue();
            SendOutcome outcome = waiting.get(20, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(SendOutcome.Unavailable.class);
            assertThat(outcome.detail()).contains("cancelled");
            assertThat(simulator.sessionsOpened()).isEqualTo(1);
            holder.abandon();
            holding.get(20, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }
}
