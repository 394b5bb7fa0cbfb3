package dev.postern.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.event.PosternEvent;
import dev.postern.provider.Provider;
import dev.postern.provider.http.HttpWebhookConfig;
import dev.postern.provider.http.HttpWebhookProviders;
import dev.postern.provider.resend.Resend;
import dev.postern.provider.resend.ResendConfig;
import dev.postern.routing.ProviderState;
import dev.postern.testing.Mail;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 24, item 7: an endpoint that never answers {@code 100 Continue} receives every message and
 * its provider stays healthy — no suspicion, no reroute, one provider for every message.
 */
class ExpectIgnoringEndpointTest {
    private static final int MESSAGES = 12;
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @Test
    void httpWebhookThatIgnoresExpectReceivesEveryMessageAndStaysHealthy() throws Exception {
        try (ExpectIgnoringServer server = new ExpectIgnoringServer()) {
            Provider webhook = HttpWebhookProviders.create(
                    HttpWebhookConfig.of(URI.create(server.baseUrl() + "/hook"), new Secret("hook-key-0123456789"))
                            .withTimeouts(TIMEOUTS),
                    Clock.systemUTC());

            receivesEveryMessageAndStaysHealthy(webhook, server);
        }
    }

    @Test
    void resendAdapterPointedAtAnEndpointThatIgnoresExpectReceivesEveryMessage() throws Exception {
        try (ExpectIgnoringServer server = new ExpectIgnoringServer()) {
            Provider resend = Resend.provider(
                    new ResendConfig(new Secret("re_ignoring_0123456789"), server.baseUrl(), TIMEOUTS),
                    Clock.systemUTC());

            receivesEveryMessageAndStaysHealthy(resend, server);
        }
    }

    private static void receivesEveryMessageAndStaysHealthy(Provider provider, ExpectIgnoringServer server)
            throws Exception {
        List<PosternEvent> events = new CopyOnWriteArrayList<>();
        List<SendResult> results = new ArrayList<>();
        try (Postern postern = Postern.builder()
                        .provider("in-house", provider, ProviderConfig.DEFAULTS) // suspect_after 2 s
                        .listener(events::add)
                        .eventExecutor(Runnable::run)
                        .build();
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            // a few at once while the endpoint is not known yet, then one after another
            List<Future<SendResult>> first = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                first.add(senders.submit(() -> postern.send(Mail.receipt())));
            }
            for (Future<SendResult> f : first) {
                results.add(f.get());
            }
            for (int i = 4; i < MESSAGES; i++) {
                results.add(postern.send(Mail.receipt()));
            }

            assertThat(results).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(SendResult.Status.DELIVERED);
                assertThat(r.attempts()).as(r.toString()).hasSize(1);
            });
            assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.AVAILABLE);
        }
        assertThat(server.bodies()).hasSize(MESSAGES);
        assertThat(results)
                .allSatisfy(r -> assertThat(server.bodies())
                        .anySatisfy(body -> assertThat(body).contains(r.messageId())));
        assertThat(server.heads().subList(4, MESSAGES))
                .as("once it is known to ignore Expect, bodies follow the headers at once")
                .allSatisfy(head -> assertThat(head).doesNotContainIgnoringCase("Expect:"));
        assertThat(events)
                .noneMatch(e -> e instanceof PosternEvent.ProviderSuspect
                        || e instanceof PosternEvent.ProviderRecovered
                        || e instanceof PosternEvent.ProviderUnhealthy);
    }
}
