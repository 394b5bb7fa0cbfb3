package dev.postern.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.http.HttpWebhookConfig;
import dev.postern.providers.Providers;
import dev.postern.sim.Fault;
import dev.postern.sim.webhook.WebhookSimulator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A request's timeout is about the provider's silence, not the message's size: a big body earns
 * the time its size takes on the way (one second per MiB), while a small one keeps the plain
 * timeout.
 */
class BigBodyTimeoutTest {
    private static final String KEY = "whk_live_5d2e8a1c3f";
    private static final WebhookSimulator SIM = new WebhookSimulator(0, KEY).start();
    private static final Provider ADAPTER =
            Providers.http(HttpWebhookConfig.of(URI.create(SIM.baseUrl() + WebhookSimulator.SEND_PATH), new Secret(KEY))
                    .withTimeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));

    @AfterAll
    static void stop() {
        SIM.close();
    }

    private static Email withAttachment(int bytes) {
        return Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .subject("Your scan")
                .text("Attached.")
                .attachment("scan.pdf", "application/pdf", new byte[bytes])
                .build();
    }

    @Test
    void aBigMessageIsGivenTimeForItsSizeBeforeTheRequestTimesOut() {
        SIM.fault(new Fault.Slow(Duration.ofMillis(1500)));

        SendOutcome big = ADAPTER.send(withAttachment(3 * 1024 * 1024), new AttemptContext("01JBIGBODY1", 1, true));
        SendOutcome small = ADAPTER.send(withAttachment(1024), new AttemptContext("01JBIGBODY2", 1, true));

        assertThat(big).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(small).isNotInstanceOf(SendOutcome.Accepted.class);
    }
}
