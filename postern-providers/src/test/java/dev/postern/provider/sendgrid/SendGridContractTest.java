package dev.postern.provider.sendgrid;

import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Simulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SendGridContractTest implements ProviderContract {
    private static final String KEY = "SG.contract-key.0123456789abcdef";
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final Timeouts UNHURRIED = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
    private static SendGridSimulator sim;

    @BeforeAll
    static void start() {
        sim = new SendGridSimulator(0, KEY);
        sim.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Override
    public Simulator simulator() {
        return sim;
    }

    @Override
    public Provider adapter() {
        return withKey(KEY);
    }

    @Override
    public Provider adapterWithBadCredentials() {
        // Its probe is often the class's first request (a cold HTTP client takes most of a second):
        // a timeout that no test waits out, so that a loaded machine cannot turn a 401 into a timeout.
        return SendGrid.provider(
                new SendGridConfig(new Secret("SG.wrong-key"), sim.baseUrl(), UNHURRIED), Clock.systemUTC());
    }

    @Override
    public String credential() {
        return KEY;
    }

    /**
     * SendGrid states no retry time on {@code /v3/mail/send}: its maintainers confirmed the endpoint
     * returns no rate-limit headers, and its 429 body is only {@code "too many requests"}. The
     * simulator answers the same, so the adapter reports the rate limit without a retry time.
     */
    @Override
    public Duration statedRetryAfter() {
        return null;
    }

    private static Provider withKey(String key) {
        return SendGrid.provider(new SendGridConfig(new Secret(key), sim.baseUrl(), SHORT), Clock.systemUTC());
    }
}
