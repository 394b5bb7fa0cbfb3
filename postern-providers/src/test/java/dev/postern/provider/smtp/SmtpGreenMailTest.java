package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter against GreenMail, an independent SMTP server: plain SMTP with AUTH and implicit TLS
 * (SMTPS) with AUTH. GreenMail 2.1.13 has no STARTTLS command, so STARTTLS is proven against
 * the project's SmtpSimulator instead ({@code SmtpStartTlsTest}).
 */
class SmtpGreenMailTest {
    private static final String USER = "relay-user";
    private static final String PASSWORD = "gm-Pa55-word-7f3a";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
                    ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@postern.test", USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private static final AttemptContext CONTEXT = new AttemptContext("01JGREENMAIL00000000000000", 1, true);

    /** Adapters made by a test; closed after it, so that no pooled session outlives its server. */
    private final List<SmtpProvider> adapters = new ArrayList<>();

    @AfterEach
    void closeAdapters() {
        adapters.forEach(SmtpProvider::close);
    }

    private SmtpProvider adapter(SmtpTls tls, String password) {
        int port = tls == SmtpTls.IMPLICIT
                ? GREENMAIL.getSmtps().getPort()
                : GREENMAIL.getSmtp().getPort();
        SmtpConfig config = SmtpConfig.of("127.0.0.1", port)
                .withTls(tls)
                .withCredentials(USER, new Secret(password))
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        SmtpProvider adapter =
                new SmtpProvider(tls == SmtpTls.IMPLICIT ? config.withTrustAll() : config, Clock.systemUTC());
        adapters.add(adapter);
        return adapter;
    }

    @Test
    void plainSmtpWithAuthDeliversTheWholeMessage() throws Exception {
        Email email = ProviderContract.richEmail().toBuilder()
                .cc("ops@example.com")
                .bcc("audit@example.com")
                .build();

        SendOutcome outcome = adapter(SmtpTls.NONE, PASSWORD).send(email, CONTEXT);

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("<01JGREENMAIL00000000000000@shop.example>"));
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertThat(received).hasSize(3); // one copy per envelope recipient: to, cc, bcc
        MimeMessage message = received[0];
        assertThat(message.getMessageID()).isEqualTo("<01JGREENMAIL00000000000000@shop.example>");
        assertThat(message.getHeader("X-Postern-Id")).containsExactly(CONTEXT.messageId());
        assertThat(message.getHeader("X-Campaign")).containsExactly("receipts");
        assertThat(message.getSubject()).isEqualTo("Ihre Bestellung — 注文 №42 ✓");
        assertThat(message.getFrom()[0].toString()).contains("orders@shop.example");
        assertThat(((jakarta.mail.internet.InternetAddress) message.getFrom()[0]).getPersonal())
                .isEqualTo("Ærøskøbing Shop");
        assertThat(message.getRecipients(Message.RecipientType.CC)).hasSize(1);
        assertThat(message.getHeader("Bcc")).as("bcc stays in the envelope").isNull();
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent().toString()).contains("Grüße aus Köln");
        assertThat(alternative.getBodyPart(1).getContent().toString()).contains("<b>Köln</b>");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("Rechnung-ä.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getInputStream().readAllBytes())
                .isEqualTo("%PDF-1.4 fake ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void implicitTlsWithAuthIsAccepted() {
        SendOutcome outcome = adapter(SmtpTls.IMPLICIT, PASSWORD).send(ProviderContract.richEmail(), CONTEXT);

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(Arrays.stream(GREENMAIL.getReceivedMessages())).hasSize(1);
    }

    @Test
    void implicitTlsToAnUntrustedCertificateIsUnavailable() {
        SmtpConfig strict = SmtpConfig.of("127.0.0.1", GREENMAIL.getSmtps().getPort())
                .withTls(SmtpTls.IMPLICIT)
                .withCredentials(USER, new Secret(PASSWORD));

        SendOutcome outcome = new SmtpProvider(strict, Clock.systemUTC()).send(ProviderContract.richEmail(), CONTEXT);

        assertThat(outcome).isInstanceOf(SendOutcome.Unavailable.class);
        assertThat(outcome.detail()).contains("TLS");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void wrongPasswordIsMisconfiguredAndTheHealthCheckSaysCredentials() {
        SmtpProvider adapter = adapter(SmtpTls.NONE, "wrong-password-123");

        assertThat(adapter.send(ProviderContract.richEmail(), CONTEXT)).isInstanceOf(SendOutcome.Misconfigured.class);
        assertThat(adapter.checkHealth().healthy()).isFalse();
        assertThat(adapter.checkHealth().detail()).contains("credentials").doesNotContain("wrong-password-123");
    }

    @Test
    void healthCheckPassesOverPlainAndImplicitTls() {
        assertThat(adapter(SmtpTls.NONE, PASSWORD).checkHealth().healthy()).isTrue();
        assertThat(adapter(SmtpTls.IMPLICIT, PASSWORD).checkHealth().healthy()).isTrue();
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void oneConnectionCarriesSeveralMessages() {
        SmtpProvider adapter = adapter(SmtpTls.NONE, PASSWORD);

        for (int i = 0; i < 3; i++) {
            assertThat(adapter.send(ProviderContract.richEmail(), new AttemptContext("01JREUSE" + i, 1, true)))
                    .isInstanceOf(SendOutcome.Accepted.class);
        }

        assertThat(GREENMAIL.getReceivedMessages()).hasSize(3);
    }

    @Test
    void bodiesWithLinesStartingWithDotsAndBeyondEveryBufferArriveAsWritten() throws Exception {
        SmtpProvider adapter = adapter(SmtpTls.NONE, PASSWORD);
        String dots = ".leading dot\n.\n..two dots\nlast line";
        StringBuilder large = new StringBuilder();
        for (int line = 0; line < 2_000; line++) {
            large.append(line % 7 == 0 ? "." : "").append("line ").append(line).append(" of a long receipt\n");
        }
        List<String> texts = List.of(dots, large.append(".").toString(), dots);

        for (int i = 0; i < texts.size(); i++) { // one connection: each message ends where the next begins
            Email email = Email.builder()
                    .from("orders@shop.example")
                    .to("ada@example.com")
                    .subject("dots " + i)
                    .text(texts.get(i))
                    .build();
            assertThat(adapter.send(email, new AttemptContext("01JDOTS" + i, 1, true)))
                    .isInstanceOf(SendOutcome.Accepted.class);
        }

        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertThat(received).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(received[i].getContent().toString().replace("\r\n", "\n"))
                    .isEqualTo(texts.get(i));
        }
    }
}
