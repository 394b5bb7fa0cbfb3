package dev.postern.spring.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.postern.SendResult;
import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.spring.PosternAutoConfiguration;
import dev.postern.spring.SimulatorsAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

class PosternMailSenderTest {
    private static SimulatorsAccess sims;
    private ApplicationContextRunner runner;

    @BeforeAll
    static void start() {
        sims = new SimulatorsAccess();
    }

    @AfterAll
    static void stop() {
        sims.close();
    }

    @BeforeEach
    void reset() {
        sims.reset();
        runner = sims.configure(new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new));
    }

    @Test
    void aMimeMessageBuiltWithSpringsHelperArrivesWhole() {
        runner.run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom("Shop <orders@shop.example>");
            helper.setTo("Ada Lovelace <ada@example.com>");
            helper.setBcc("audit@shop.example");
            helper.setSubject("Your receipt");
            helper.setText("Thanks for your order.", "<p>Thanks for your order.</p>");
            helper.addAttachment("receipt.txt", new ByteArrayResource("total: 42".getBytes()), "text/plain");
            sender.send(message);

            ReceivedMessage got = sims.primary().received().getFirst();
            assertThat(got.subject()).isEqualTo("Your receipt");
            assertThat(got.to()).containsExactly("Ada Lovelace <ada@example.com>");
            assertThat(got.bcc()).containsExactly("audit@shop.example");
            assertThat(got.text()).isEqualTo("Thanks for your order.");
            assertThat(got.html()).isEqualTo("<p>Thanks for your order.</p>");
            assertThat(got.attachments())
                    .extracting(ReceivedMessage.ReceivedAttachment::filename)
                    .containsExactly("receipt.txt");
        });
    }

    @Test
    void aFailingPrimaryFailsOverToTheBackupAndTheAttemptsAreCounted() {
        sims.primary().fault(new Fault.Error(503));
        runner.run(context -> {
            context.getBean(JavaMailSender.class).send(simple());

            assertThat(sims.primary().received()).isEmpty();
            assertThat(sims.backup().received()).hasSize(1);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            // counted by a listener, off the sending thread
            await().untilAsserted(() -> {
                assertThat(meters.counter("postern.attempts", "provider", "primary", "outcome", "unavailable")
                                .count())
                        .isEqualTo(1);
                assertThat(meters.counter("postern.attempts", "provider", "backup", "outcome", "accepted")
                                .count())
                        .isEqualTo(1);
            });
        });
    }

    @Test
    void whenNoProviderTakesItSendThrowsWithPosternsOutcome() {
        sims.primary().fault(new Fault.Error(503));
        sims.backup().fault(new Fault.Error(503));
        runner.run(context -> {
            SimpleMailMessage message = simple();
            assertThatThrownBy(() -> context.getBean(JavaMailSender.class).send(message))
                    .isInstanceOfSatisfying(MailSendException.class, e -> {
                        assertThat(e.getMessage())
                                .contains("1 of 1 messages not sent")
                                .contains("DEFERRED");
                        assertThat(e.getMessageExceptions())
                                .singleElement()
                                .isInstanceOfSatisfying(
                                        UndeliveredException.class,
                                        u -> assertThat(u.result().status()).isEqualTo(SendResult.Status.DEFERRED));
                    });
        });
    }

    @Test
    void withTheOutboxSendReturnsOnceStoredAndTheOutboxDelivers(@TempDir Path dir) {
        sims.primary().fault(new Fault.Error(503));
        runner.withPropertyValues(
                        "postern.outbox.enabled=true", "postern.outbox.store=sqlite:" + dir.resolve("outbox.db"))
                .run(context -> {
                    context.getBean(JavaMailSender.class).send(simple());
                    await().untilAsserted(
                                    () -> assertThat(sims.backup().received()).hasSize(1));
                });
    }

    private static SimpleMailMessage simple() {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("orders@shop.example");
        message.setTo("ada@example.com");
        message.setSubject("Your receipt");
        message.setText("Thanks for your order.");
        return message;
    }
}
