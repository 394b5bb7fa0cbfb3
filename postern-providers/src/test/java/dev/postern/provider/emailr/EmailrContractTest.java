package dev.postern.provider.emailr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Simulator;
import dev.postern.sim.emailr.EmailrSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EmailrContractTest implements ProviderContract {
    private static final String KEY = "er_live_contract_7d3e";
    private static final EmailrSimulator SIMULATOR = (EmailrSimulator) new EmailrSimulator(0, KEY).start();
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final AttemptContext CONTEXT = new AttemptContext("01JEMAILR00000000000000000", 1, true);

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    private static Provider adapterWith(String key) {
        return Emailr.provider(new EmailrConfig(new Secret(key), SIMULATOR.baseUrl(), SHORT), Clock.systemUTC());
    }

    @Override
    public Simulator simulator() {
        return SIMULATOR;
    }

    @Override
    public Provider adapter() {
        return adapterWith(KEY);
    }

    @Override
    public Provider adapterWithBadCredentials() {
        return adapterWith("er_live_wrong");
    }

    @Override
    public String credential() {
        return KEY;
    }

    /** emailr documents no Retry-After on its 429. */
    @Override
    public Duration statedRetryAfter() {
        return null;
    }

    /** emailr's addresses are {@code format: email}: bare, without display names. */
    @Override
    public boolean carriesDisplayNames() {
        return false;
    }

    @Test
    void declaresNoCarbonCopiesAndNoCustomHeaders() {
        assertThat(adapter().capabilities().carbonCopies()).isFalse();
        assertThat(adapter().capabilities().customHeaders()).isFalse();
    }

    @Test
    void messageWithCcOrBccIsUnavailableWithoutACallSoRoutingFailsOver() {
        var withCc =
                ProviderContract.richEmail().toBuilder().cc("ops@example.com").build();
        var withBcc = ProviderContract.richEmail().toBuilder()
                .bcc("audit@example.com")
                .build();

        SendOutcome cc = adapter().send(withCc, CONTEXT);
        SendOutcome bcc = adapter().send(withBcc, CONTEXT);

        assertThat(cc).isInstanceOf(SendOutcome.Unavailable.class);
        assertThat(cc.detail()).contains("routing should have skipped");
        assertThat(bcc).isInstanceOf(SendOutcome.Unavailable.class);
        assertThat(SIMULATOR.received()).isEmpty();
    }

    @Test
    void messageWithAnEmptySubjectIsUnavailableBecauseEmailrRequiresOne() {
        var email = ProviderContract.richEmail().toBuilder().subject("").build();

        assertThat(adapter().send(email, CONTEXT)).isInstanceOf(SendOutcome.Unavailable.class);
        assertThat(SIMULATOR.received()).isEmpty();
    }

    @Test
    void customHeadersAreDroppedAndTheIdTravelsInTags() {
        adapter().send(ProviderContract.richEmail(), CONTEXT);

        assertThat(SIMULATOR.received().getFirst().headers()).isEmpty();
        assertThat(SIMULATOR.received().getFirst().metadata())
                .containsEntry("postern_id", "01JEMAILR00000000000000000")
                .containsEntry("receipt", "true");
    }
}
