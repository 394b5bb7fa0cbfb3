package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.smtp.MailClient;
import dev.postern.sim.emailr.EmailrSimulator;
import jakarta.mail.MessagingException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay answers {@code 250} only for mail some configured provider can carry, as the HTTP API
 * answers {@code 202}: a message none can ever take is refused at the final dot, not queued to fail
 * without an attempt. Here the only provider, emailr, has no cc or bcc.
 */
class RelayedMailNoProviderCanCarryTest {
    private static final String EMAILR_KEY = "emailr-carry-secret-7171";
    private static final String USER = "legacy-app";
    private static final String PASSWORD = "pst_test-carry-smtp-3Rk8";

    @TempDir
    Path dir;

    private final EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
    private Gateway gateway;

    @BeforeEach
    void start() {
        emailr.start();
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0, https: false }
                  smtp: { listen: 127.0.0.1:0 }
                  tls: { cert: %s, key: %s }
                store: sqlite:%s
                auth:
                  smtp_users:
                    - { username: %s, password_sha256: %s, sender_domains: [shop.example] }
                providers:
                  - { name: emailr, type: emailr, api_key: %s, base_url: %s }
                """.formatted(
                        TestGateway.testResource("tls/relay-test.crt"),
                        TestGateway.testResource("tls/relay-test.key"),
                        dir.resolve("postern.db"),
                        USER,
                        Hashes.sha256Hex(PASSWORD),
                        EMAILR_KEY,
                        emailr.baseUrl());
        gateway = Gateway.start(ConfigLoader.parse(yaml, name -> null).orThrow());
    }

    @AfterEach
    void stop() {
        gateway.close();
        emailr.close();
    }

    @Test
    void aCopyNoProviderCanSendIsRefusedAtTheFinalDotRatherThanQueuedToFail() {
        String raw = String.join(
                "\r\n",
                "From: Shop <orders@shop.example>",
                "To: Ada <ada@example.com>",
                "Cc: Bo <bo@example.com>",
                "Subject: Your receipt",
                "",
                "Thanks for your order.",
                "");

        assertThatThrownBy(() -> new MailClient(gateway.smtpPort())
                        .auth("PLAIN")
                        .startTls(TestGateway.testResource("tls/relay-test.crt"))
                        .send(raw, USER, PASSWORD))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("554 5.6.0 No configured provider can carry this message")
                .hasMessageContaining("emailr: cannot send cc or bcc recipients");
        assertThat(emailr.received()).isEmpty();
    }
}
