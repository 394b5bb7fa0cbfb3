package dev.postern.provider.smtp;

import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.Simulator;
import dev.postern.sim.smtp.SmtpSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared contract against the SMTP simulator, over STARTTLS (trusting exactly the simulator's
 * certificate) with AUTH. One adapter serves the whole class, so its connection pool meets every
 * fault in turn.
 */
class SmtpContractTest implements ProviderContract {
    private static final String USER = "relay-user";
    private static final String PASSWORD = "sim-Pa55-word-91c2";

    private static SmtpSimulator simulator;
    private static Path certificate;
    private static SmtpProvider adapter;

    @BeforeAll
    static void start() throws IOException {
        simulator = new SmtpSimulator(0, USER, PASSWORD, true).start();
        certificate = Files.createTempFile("smtp-sim", ".pem");
        Files.writeString(certificate, simulator.certificatePem());
        adapter = new SmtpProvider(config(PASSWORD), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws IOException {
        adapter.close();
        simulator.close();
        Files.deleteIfExists(certificate);
    }

    private static SmtpConfig config(String password) {
        return SmtpConfig.of("127.0.0.1", simulator.port())
                .withTls(SmtpTls.STARTTLS)
                .withTrustCertificate(certificate)
                .withCredentials(USER, new Secret(password))
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
    }

    @Override
    public Simulator simulator() {
        return simulator;
    }

    @Override
    public Provider adapter() {
        return adapter;
    }

    @Override
    public Provider adapterWithBadCredentials() {
        return new SmtpProvider(config("not-the-password"), Clock.systemUTC());
    }

    @Override
    public String credential() {
        return PASSWORD;
    }

    @Override
    public Fault serverError() {
        return new Fault.Error(451);
    }

    @Override
    public Duration statedRetryAfter() {
        return null; // SMTP replies state no retry time
    }
}
