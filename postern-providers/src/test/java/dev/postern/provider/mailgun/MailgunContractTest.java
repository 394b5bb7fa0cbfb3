package dev.postern.provider.mailgun;

import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Simulator;
import dev.postern.sim.mailgun.MailgunSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MailgunContractTest implements ProviderContract {
    private static final String KEY = "key-contract-0123456789abcdef";
    private static final String DOMAIN = "mg.shop.example";
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static MailgunSimulator sim;

    @BeforeAll
    static void start() {
        sim = new MailgunSimulator(0, KEY, DOMAIN);
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
        return withKey("key-wrong");
    }

    @Override
    public String credential() {
        return KEY;
    }

    private static Provider withKey(String key) {
        return Mailgun.provider(
                new MailgunConfig(new Secret(key), DOMAIN, MailgunConfig.Region.EU, sim.baseUrl(), SHORT),
                Clock.systemUTC());
    }
}
