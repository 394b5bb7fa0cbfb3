package dev.postern.spring;

import dev.postern.sim.postmark.PostmarkSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Two simulated providers on loopback and the properties that point Postern at them. */
final class Simulators implements AutoCloseable {
    static final String SENDGRID_KEY = "SG.starter-test.0123456789abcdef";
    static final String POSTMARK_TOKEN = "starter-test-server-token";

    final SendGridSimulator primary = new SendGridSimulator(0, SENDGRID_KEY);
    final PostmarkSimulator backup = new PostmarkSimulator(0, POSTMARK_TOKEN);

    Simulators() {
        primary.start();
        backup.start();
    }

    /** {@code runner} with {@code primary} (SendGrid) then {@code backup} (Postmark), snake and kebab keys mixed. */
    ApplicationContextRunner configure(ApplicationContextRunner runner) {
        return runner.withPropertyValues(
                "postern.providers[0].name=primary",
                "postern.providers[0].type=sendgrid",
                "postern.providers[0].api_key=" + SENDGRID_KEY,
                "postern.providers[0].base-url=" + primary.baseUrl(),
                "postern.providers[1].name=backup",
                "postern.providers[1].type=postmark",
                "postern.providers[1].api-key=" + POSTMARK_TOKEN,
                "postern.providers[1].base_url=" + backup.baseUrl());
    }

    @Override
    public void close() {
        primary.close();
        backup.close();
    }
}
