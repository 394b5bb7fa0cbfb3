package dev.postern.provider.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.event.PosternEvent;
import dev.postern.provider.RateLimitStatus;
import dev.postern.provider.resend.Resend;
import dev.postern.provider.resend.ResendConfig;
import dev.postern.provider.sendgrid.SendGrid;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.routing.RoutingConfig;
import dev.postern.routing.Strategy;
import dev.postern.sim.Fault;
import dev.postern.sim.resend.ResendSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The guide's {@code getRateLimit()}: Resend's adapter reads the {@code ratelimit-*} headers of its
 * simulator over loopback HTTP, and once Resend reports no budget left the next messages go to the
 * backup without Resend ever answering 429 — and come back to Resend when the reported window ends
 * on Postern's clock.
 */
class ReportedBudgetRoutingTest {
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ResendSimulator resendSim = (ResendSimulator) new ResendSimulator(0, "re_budget_1").start();
    private final SendGridSimulator sendgridSim = (SendGridSimulator) new SendGridSimulator(0, "SG.budget").start();

    @AfterEach
    void stop() {
        resendSim.close();
        sendgridSim.close();
    }

    private Postern postern(Strategy strategy) {
        return Postern.builder()
                .routing(RoutingConfig.DEFAULTS.withStrategy(strategy))
                .clock(time)
                .scheduler(time)
                .listener(events::add)
                .eventExecutor(Runnable::run)
                .provider(
                        "resend",
                        Resend.provider(new ResendConfig(new Secret("re_budget_1"), resendSim.baseUrl(), SHORT), time),
                        ProviderConfig.DEFAULTS.withPriority(1))
                .provider(
                        "sendgrid",
                        SendGrid.provider(
                                new SendGridConfig(new Secret("SG.budget"), sendgridSim.baseUrl(), SHORT), time),
                        ProviderConfig.DEFAULTS.withPriority(2))
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = Strategy.class,
            names = {"PRIORITY", "PRIMARY_WITH_SPILLOVER"})
    void aProviderReportingNoBudgetLeftLosesTrafficBeforeAny429AndGetsItBackAfterItsReset(Strategy strategy) {
        try (Postern postern = postern(strategy)) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("resend");

            resendSim.fault(Fault.parse("budget(0, 30s)"));
            assertThat(postern.send(Mail.receipt()).provider()).contains("resend"); // answered: "0 left for 30 s"
            RateLimitStatus reported = postern.providers().getFirst().rateLimit();
            SendResult passed = postern.send(Mail.receipt());

            assertThat(reported.source()).isEqualTo(RateLimitStatus.Source.REPORTED);
            assertThat(reported.remaining()).hasValue(0);
            assertThat(reported.resetAt()).contains(time.instant().plusSeconds(30));
            assertThat(passed.provider()).contains("sendgrid");
            assertThat(passed.attempts()).extracting(Attempt::provider).containsExactly("sendgrid");
            assertThat(resendSim.received()).hasSize(2);
            assertThat(events).noneMatch(PosternEvent.RateLimited.class::isInstance);
            if (strategy == Strategy.PRIMARY_WITH_SPILLOVER) {
                assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
            }

            resendSim.fault(new Fault.Ok());
            time.advance(Duration.ofSeconds(30));
            assertThat(postern.send(Mail.receipt()).provider()).contains("resend");
            assertThat(resendSim.received()).hasSize(3);
            assertThat(sendgridSim.received()).hasSize(1);
        }
    }
}
