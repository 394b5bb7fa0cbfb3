package dev.postern.provider.resend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.Simulator;
import dev.postern.sim.resend.ResendSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ResendContractTest implements ProviderContract {
    private static final String KEY = "re_contract_4f1c9a";
    private static final ResendSimulator SIMULATOR = (ResendSimulator) new ResendSimulator(0, KEY).start();
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    private static Provider adapterWith(String key) {
        return Resend.provider(new ResendConfig(new Secret(key), SIMULATOR.baseUrl(), SHORT), Clock.systemUTC());
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
        return adapterWith("re_wrong_000000");
    }

    @Override
    public String credential() {
        return KEY;
    }

    @Override
    public boolean reportsRateLimit() {
        return true;
    }

    @Test
    void retryAfterAnAmbiguousAttemptReusesTheIdempotencyKeyAndSendsOnce() {
        Email email = ProviderContract.richEmail();
        SIMULATOR.fault(new Fault.ResetAfterBody());

        SendOutcome first = adapter().send(email, new AttemptContext("01JRETRY00000000000000000A", 1, true));
        SIMULATOR.fault(new Fault.Ok());
        SendOutcome retry = adapter().send(email, new AttemptContext("01JRETRY00000000000000000A", 2, true));

        assertThat(first).isInstanceOf(SendOutcome.Ambiguous.class);
        assertThat(retry).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(SIMULATOR.idempotencyKeys())
                .containsExactly("01JRETRY00000000000000000A", "01JRETRY00000000000000000A");
        assertThat(SIMULATOR.received())
                .singleElement()
                .satisfies(m -> assertThat(m.providerMessageId())
                        .isEqualTo(((SendOutcome.Accepted) retry).providerMessageId()));
    }

    @Test
    void differentMessagesGetDifferentIdempotencyKeys() {
        adapter().send(ProviderContract.richEmail(), new AttemptContext("01JFIRST00000000000000000A", 1, true));
        adapter().send(ProviderContract.richEmail(), new AttemptContext("01JSECOND0000000000000000A", 1, true));

        assertThat(SIMULATOR.received()).hasSize(2);
    }

    @Test
    void partsOfOneSplitMessageGetTheirOwnIdempotencyKeysAndAreEachSent() {
        adapter().send(ProviderContract.richEmail(), new AttemptContext("01JSPLIT00000000000000000A", 1, true, 1, 2));
        adapter().send(ProviderContract.richEmail(), new AttemptContext("01JSPLIT00000000000000000A", 2, true, 2, 2));

        assertThat(SIMULATOR.idempotencyKeys())
                .containsExactly("01JSPLIT00000000000000000A.p1of2", "01JSPLIT00000000000000000A.p2of2");
        assertThat(SIMULATOR.received()).hasSize(2);
    }
}
