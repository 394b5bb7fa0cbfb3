package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.postern.Postern;
import dev.postern.event.PosternEvent;
import dev.postern.provider.HealthResult;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One outage, one incident: a real {@link Postern} on fake time under 10 messages a second, with a
 * real webhook receiver on loopback that checks every signature. Each outage must page exactly
 * once when it opens and once when it resolves, the resolution carrying the whole story.
 */
class IncidentsToWebhookTest {
    private static final String SECRET = "whsec-incidents-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeTime time = new FakeTime();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger failoversFromPrimary = new AtomicInteger();
    private final AtomicInteger failedAttemptsAtPrimary = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String expected = WebhookAlertSink.signature(SECRET.getBytes(StandardCharsets.UTF_8), body);
            if (expected.equals(exchange.getRequestHeaders().getFirst("X-Postern-Signature"))) {
                received.add(JSON.readTree(body));
            } else {
                badSignatures.incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private Postern postern(ScriptedProvider primary, ScriptedProvider backup) {
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        return Postern.builder()
                .provider("primary", primary)
                .provider("backup", backup)
                .alert(new WebhookAlertSink(url, SECRET))
                .listener(e -> {
                    if (e instanceof PosternEvent.Failover f && f.from().equals("primary")) {
                        failoversFromPrimary.incrementAndGet();
                    }
                    if (e instanceof PosternEvent.Attempted a
                            && a.name().equals("primary")
                            && !(a.outcome() instanceof SendOutcome.Accepted)) {
                        failedAttemptsAtPrimary.incrementAndGet();
                    }
                })
                .eventExecutor(Runnable::run) // hear each event and alert before the call returns
                .clock(time)
                .scheduler(time)
                .random(new java.util.Random(7))
                .build();
    }

    /** Sends 10 messages a second for {@code duration}. */
    private static void traffic(Postern postern, FakeTime time, Duration duration) {
        for (long i = 0; i < duration.toMillis() / 100; i++) {
            postern.send(Mail.receipt());
            time.advance(Duration.ofMillis(100));
        }
    }

    /** The incident notifications about {@code subject} (a provider or a gateway-wide condition). */
    private List<JsonNode> incidents(String subject) {
        return received.stream()
                .filter(a -> a.hasNonNull("incident"))
                .map(a -> a.get("incident"))
                .filter(i -> subject.equals(i.path("provider").asText(null))
                        || subject.equals(i.path("condition").asText(null)))
                .toList();
    }

    private List<String> states(String subject) {
        return incidents(subject).stream().map(i -> i.get("state").asText()).toList();
    }

    @Test
    void aPrimaryDownForTwentySecondsPagesOnceWhenItOpensAndOnceWhenItResolves() {
        AtomicBoolean down = new AtomicBoolean(true);
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .always(new SendOutcome.Unavailable("connection refused"))
                .healthFrom(() -> down.get() ? HealthResult.down("connection refused") : HealthResult.up());
        try (Postern postern = postern(primary, ScriptedProvider.accepting("backup"))) {
            traffic(postern, time, Duration.ofSeconds(20));
            down.set(false);
            primary.always(new SendOutcome.Accepted("primary-ok"));
            traffic(postern, time, Duration.ofSeconds(120));
            time.advance(Duration.ofMinutes(2));
        }

        assertThat(states("primary")).containsExactly("opened", "resolved");
        JsonNode resolved = incidents("primary").getLast();
        assertThat(resolved.get("id").asText())
                .isEqualTo(incidents("primary").getFirst().get("id").asText());
        assertThat(failoversFromPrimary.get()).isPositive();
        assertThat(resolved.get("counts").get("messages_failed_over").asLong()).isEqualTo(failoversFromPrimary.get());
        assertThat(resolved.get("counts").get("attempts_failed").asLong()).isEqualTo(failedAttemptsAtPrimary.get());
        assertThat(resolved.get("counts").get("messages_failed").asLong()).isZero();
        assertThat(resolved.get("last_answer").asText()).contains("connection refused");
        assertThat(resolved.get("signals").toString()).contains("failover", "breaker_opened");
        assertThat(resolved.get("resolved_at").asText()).isNotBlank();
        assertThat(badSignatures).hasValue(0);
    }

    @Test
    void aPrimaryThatHangsPagesOnceWhenItOpensAndOnceWhenItResolvesWithItsLatency() {
        AtomicBoolean hanging = new AtomicBoolean(true);
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .healthFrom(() -> hanging.get() ? HealthResult.down("timeout") : HealthResult.up());
        // a hang as routing sees it: the attempt takes 3 s (past suspect_after), then the socket closes
        primary.during(() -> {
            if (hanging.get()) {
                time.advance(Duration.ofSeconds(3));
            }
        });
        primary.always(new SendOutcome.Ambiguous("no answer within 3s"));
        try (Postern postern = postern(primary, ScriptedProvider.accepting("backup"))) {
            traffic(postern, time, Duration.ofSeconds(20));
            hanging.set(false);
            primary.always(new SendOutcome.Accepted("primary-ok"));
            traffic(postern, time, Duration.ofSeconds(120));
            time.advance(Duration.ofMinutes(2));
        }

        assertThat(states("primary")).containsExactly("opened", "resolved");
        JsonNode resolved = incidents("primary").getLast();
        assertThat(resolved.get("counts").get("messages_failed_over").asLong()).isEqualTo(failoversFromPrimary.get());
        assertThat(resolved.get("counts").get("latency_max_ms").asLong()).isEqualTo(3000);
        assertThat(resolved.get("signals").toString()).contains("provider_suspect");
    }

    @Test
    void aBurstOf429sLongerThanTheThresholdPagesOnceWhenItOpensAndOnceWhenItResolves() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .always(new SendOutcome.RateLimited(Duration.ofSeconds(5), "HTTP 429"));
        AtomicInteger rateLimited = new AtomicInteger();
        try (Postern postern = postern(primary, ScriptedProvider.accepting("backup"))) {
            postern.listen(e -> {
                if (e instanceof PosternEvent.RateLimited) {
                    rateLimited.incrementAndGet();
                }
            });
            traffic(postern, time, Duration.ofSeconds(20));
            primary.always(new SendOutcome.Accepted("primary-ok"));
            traffic(postern, time, Duration.ofSeconds(120));
            time.advance(Duration.ofMinutes(2));
        }

        assertThat(states("primary")).containsExactly("opened", "resolved");
        JsonNode resolved = incidents("primary").getLast();
        assertThat(resolved.get("signals").toString()).contains("rate_limited");
        assertThat(resolved.get("counts").get("rate_limited").asLong()).isEqualTo(rateLimited.get());
        assertThat(resolved.get("counts").get("messages_failed_over").asLong()).isEqualTo(failoversFromPrimary.get());
    }

    @Test
    void aProviderThatRecoversInsideOneWindowStillReportsEveryFailover() {
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .then(
                        new SendOutcome.Unavailable("HTTP 503"),
                        new SendOutcome.Unavailable("HTTP 503"),
                        new SendOutcome.Unavailable("HTTP 503"),
                        new SendOutcome.Unavailable("HTTP 503"));
        try (Postern postern = postern(primary, ScriptedProvider.accepting("backup"))) {
            traffic(postern, time, Duration.ofSeconds(10)); // four fail over, then it takes the rest
            time.advance(Duration.ofMinutes(5));
        }

        assertThat(failoversFromPrimary).hasValue(4);
        assertThat(states("primary")).containsExactly("opened", "resolved");
        assertThat(incidents("primary")
                        .getLast()
                        .get("counts")
                        .get("messages_failed_over")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void twoProvidersDownAtOnceAreOneGatewayIncidentAndTheProvidersDoNotPage() {
        AtomicBoolean down = new AtomicBoolean(true);
        ScriptedProvider primary = ScriptedProvider.accepting("primary")
                .always(new SendOutcome.Unavailable("connection refused"))
                .healthFrom(() -> down.get() ? HealthResult.down("connection refused") : HealthResult.up());
        ScriptedProvider backup = ScriptedProvider.accepting("backup")
                .always(new SendOutcome.Unavailable("HTTP 503"))
                .healthFrom(() -> down.get() ? HealthResult.down("HTTP 503") : HealthResult.up());
        try (Postern postern = postern(primary, backup)) {
            traffic(postern, time, Duration.ofSeconds(20));
            down.set(false);
            primary.always(new SendOutcome.Accepted("primary-ok"));
            backup.always(new SendOutcome.Accepted("backup-ok"));
            traffic(postern, time, Duration.ofSeconds(120));
            time.advance(Duration.ofMinutes(2));
        }

        assertThat(states("all_providers_down")).containsExactly("opened", "resolved");
        assertThat(states("primary")).isEmpty();
        assertThat(states("backup")).isEmpty();
        assertThat(received)
                .allSatisfy(a -> assertThat(a.hasNonNull("incident")).isTrue());
    }
}
