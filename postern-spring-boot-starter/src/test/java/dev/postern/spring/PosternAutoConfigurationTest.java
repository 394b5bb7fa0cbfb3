package dev.postern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.outbox.Outbox;
import dev.postern.spring.actuator.ProviderHealth;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class PosternAutoConfigurationTest {
    private static Simulators sims;
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class));

    @BeforeAll
    static void start() {
        sims = new Simulators();
    }

    @AfterAll
    static void stop() {
        sims.close();
    }

    @Test
    void withoutProvidersThereIsNoPosternAndNoMailSender() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(Postern.class);
            assertThat(context).doesNotHaveBean(JavaMailSender.class);
        });
    }

    @Test
    void providersMakeAPosternBeanWithEveryProviderInOrderAndAMailSender() {
        sims.configure(runner).run(context -> {
            assertThat(context).hasSingleBean(Postern.class);
            assertThat(context).hasSingleBean(JavaMailSender.class);
            assertThat(context).doesNotHaveBean(Outbox.class);
            assertThat(context.getBean(Postern.class).providers())
                    .extracting(ProviderStatus::name, ProviderStatus::type, ProviderStatus::priority)
                    .containsExactly(tuple("primary", "sendgrid", 1), tuple("backup", "postmark", 2));
        });
    }

    @Test
    void sharedKeysReachRoutingInEitherSpelling() {
        sims.configure(runner)
                .withPropertyValues(
                        "postern.routing.strategy=primary_with_spillover",
                        "postern.providers[0].priority=5",
                        "postern.providers[0].weight=3",
                        "postern.providers[0].circuit-breaker.open-duration=45s",
                        "postern.providers[0].health_check.unhealthy_after=4",
                        "postern.providers[1].rate-limit.per-second=10")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Postern.class).providers().getFirst())
                            .extracting(ProviderStatus::priority, ProviderStatus::weight)
                            .containsExactly(5, 3);
                });
    }

    @Test
    void withoutSpringContextSupportThereIsPosternButNoMailSender() {
        sims.configure(runner)
                .withClassLoader(new FilteredClassLoader(JavaMailSender.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(Postern.class);
                    assertThat(context).doesNotHaveBean("posternMailSender");
                });
    }

    @Test
    void anApplicationsOwnMailSenderIsKept() {
        sims.configure(runner)
                .withBean("mailSender", JavaMailSender.class, JavaMailSenderImpl::new)
                .run(context ->
                        assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(JavaMailSenderImpl.class));
    }

    @Test
    void healthHasOneIndicatorPerProvider() {
        sims.configure(runner).run(context -> {
            CompositeHealthContributor health =
                    context.getBean("posternHealthContributor", CompositeHealthContributor.class);
            assertThat(health.stream().map(c -> c.name())).containsExactly("primary", "backup");
        });
    }

    @Test
    void aProviderOutOfRotationLeavesPosternUpUntilNoneIsLeft() {
        sims.configure(runner).run(context -> {
            Postern postern = context.getBean(Postern.class);
            CompositeHealthContributor health =
                    context.getBean("posternHealthContributor", CompositeHealthContributor.class);
            postern.drain("primary");
            assertThat(status(health, "primary")).isEqualTo(ProviderHealth.OUT_OF_ROTATION);
            assertThat(status(health, "backup")).isEqualTo(Status.UP);
            assertThat(new SimpleStatusAggregator()
                            .getAggregateStatus(Set.of(ProviderHealth.OUT_OF_ROTATION, Status.UP)))
                    .isEqualTo(Status.UP);

            postern.drain("backup");
            assertThat(status(health, "primary")).isEqualTo(Status.DOWN);
            assertThat(status(health, "backup")).isEqualTo(Status.DOWN);
        });
    }

    private static Status status(CompositeHealthContributor health, String provider) {
        return ((HealthIndicator) health.getContributor(provider)).health().getStatus();
    }

    @Test
    void outboxEnabledOpensAnOutboxOnTheConfiguredStore(@TempDir Path dir) {
        sims.configure(runner)
                .withPropertyValues(
                        "postern.outbox.enabled=true", "postern.outbox.store=sqlite:" + dir.resolve("outbox.db"))
                .run(context -> {
                    assertThat(context).hasSingleBean(Outbox.class);
                    assertThat(dir.resolve("outbox.db")).exists();
                });
    }

    @Test
    void theContextClosesPosternWithIt() {
        // a closed Postern leaves nothing to observe from outside, so check what the context will call
        sims.configure(runner)
                .run(context -> assertThat(((AbstractBeanDefinition)
                                        context.getBeanFactory().getBeanDefinition("postern"))
                                .getDestroyMethodNames())
                        .containsExactly("close"));
    }
}
