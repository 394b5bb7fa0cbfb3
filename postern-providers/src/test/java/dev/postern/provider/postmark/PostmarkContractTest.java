package dev.postern.provider.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Tracking;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Simulator;
import dev.postern.sim.postmark.PostmarkSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PostmarkContractTest implements ProviderContract {
    private static final String TOKEN = "f1b2c3d4-0000-4a4a-9e9e-contracttoken";
    private static final PostmarkSimulator SIMULATOR = (PostmarkSimulator) new PostmarkSimulator(0, TOKEN).start();
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    private static Provider adapterWith(String token) {
        return Postmark.provider(
                new PostmarkConfig(new Secret(token), SIMULATOR.baseUrl(), SHORT, null), Clock.systemUTC());
    }

    @Override
    public Simulator simulator() {
        return SIMULATOR;
    }

    @Override
    public Provider adapter() {
        return adapterWith(TOKEN);
    }

    @Override
    public Provider adapterWithBadCredentials() {
        return adapterWith("00000000-wrong-token");
    }

    @Override
    public String credential() {
        return TOKEN;
    }

    /** Postmark documents no Retry-After on its 429. */
    @Override
    public Duration statedRetryAfter() {
        return null;
    }

    @Test
    void trackedMessageWithNamesNeedingQuotesIsAccepted() {
        var email = ProviderContract.richEmail().toBuilder()
                .cc("\"Ops, Night Shift\" <ops@example.com>")
                .tracking(Tracking.ALL)
                .build();

        SendOutcome outcome = adapter().send(email, new AttemptContext("01JPOSTMARK000000000000000", 1, true));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(SIMULATOR.received().getFirst().cc()).containsExactly("\"Ops, Night Shift\" <ops@example.com>");
        assertThat(SIMULATOR.received().getFirst().tags()).containsExactly("receipt");
    }
}
