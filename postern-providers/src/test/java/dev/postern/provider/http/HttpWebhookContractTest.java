package dev.postern.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.providers.Providers;
import dev.postern.sim.Simulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The generic webhook adapter against a simulated service that implements Postern's contract. */
class HttpWebhookContractTest implements ProviderContract {
    private static final String KEY = "whk_live_4f1c9a7e2b";
    private static final WebhookSimulator SIM = new WebhookSimulator(0, KEY).start();
    private static final Provider ADAPTER = Providers.http(config(KEY));
    private static final Provider WRONG_KEY = Providers.http(config("whk_live_wrong"));

    private static HttpWebhookConfig config(String key) {
        return HttpWebhookConfig.of(URI.create(SIM.baseUrl() + WebhookSimulator.SEND_PATH), new Secret(key))
                .withHealthUrl(URI.create(SIM.baseUrl() + WebhookSimulator.HEALTH_PATH))
                .withTimeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Override
    public Simulator simulator() {
        return SIM;
    }

    @Override
    public Provider adapter() {
        return ADAPTER;
    }

    @Override
    public Provider adapterWithBadCredentials() {
        return WRONG_KEY;
    }

    @Override
    public String credential() {
        return KEY;
    }

    @Test
    void aRetriedAttemptCarriesTheSameIdempotencyKeyAndIsNotDuplicated() {
        AttemptContext first = new AttemptContext("01JIDEMPOTENT", 1, true);
        AttemptContext retry = new AttemptContext("01JIDEMPOTENT", 2, false);

        SendOutcome a = adapter().send(ProviderContract.richEmail(), first);
        SendOutcome b = adapter().send(ProviderContract.richEmail(), retry);

        assertThat(b).isEqualTo(a).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(SIM.received()).hasSize(1);
    }

    @Test
    void tagsTravelInTheBodyAndTrackingFlagsPassTheServicesSchema() {
        var email = ProviderContract.richEmail().toBuilder()
                .tracking(dev.postern.email.Tracking.ALL)
                .build();

        adapter().send(email, new AttemptContext("01JTAGS", 1, true));

        assertThat(SIM.received().getFirst().tags()).containsExactly("receipt");
    }

    @Test
    void withoutAHealthUrlTheSendUrlIsProbedAndA404StillMeansUp() {
        Provider probing = Providers.http(
                HttpWebhookConfig.of(URI.create(SIM.baseUrl() + WebhookSimulator.SEND_PATH), new Secret(KEY))
                        .withTimeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));

        assertThat(probing.checkHealth().healthy()).isTrue();
    }
}
