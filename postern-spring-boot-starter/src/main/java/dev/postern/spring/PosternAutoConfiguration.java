package dev.postern.spring;

import dev.postern.Postern;
import dev.postern.error.PosternException;
import dev.postern.event.EventListener;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.provider.Provider;
import dev.postern.spring.actuator.AttemptMetrics;
import dev.postern.spring.actuator.ProviderHealth;
import dev.postern.spring.mail.PosternMailSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Builds {@link Postern} from {@code postern.*} when {@code postern.providers} lists a provider,
 * and around it: a {@link JavaMailSender} with failover (when {@code spring-context-support} is
 * present; it runs before Boot's own mail auto-configuration, which then backs off), an embedded
 * {@link Outbox} ({@code postern.outbox.enabled}), a health indicator per provider and attempt
 * counters on the application's Micrometer registry. Every {@link EventListener} bean hears
 * Postern's events (attempts included) off the sending thread, the attempt counters among them.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@Conditional(OnPosternProviders.class)
@EnableConfigurationProperties(PosternProperties.class)
public class PosternAutoConfiguration {

    /** Closed with the context: health probes and alert reminders stop. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Postern postern(
            PosternProperties properties, ObjectProvider<EventListener> listeners, Environment environment) {
        Binder binder = Binder.get(environment);
        Postern.Builder builder = Postern.builder().routing(properties.routing().toConfig());
        listeners.orderedStream().forEach(builder::listener);
        List<ProviderProperties> providers = properties.providers();
        for (int i = 0; i < providers.size(); i++) {
            ProviderProperties p = providers.get(i);
            String name = p.name();
            if (name == null || name.isBlank()) {
                throw new PosternConfigException("postern.providers[" + i + "].name is required");
            }
            Provider provider = ProviderFactory.create(i, p, binder);
            try {
                builder.provider(name, provider, ProviderFactory.routing(i, p));
            } catch (PosternException e) {
                throw new PosternConfigException("postern.providers[" + i + "].name: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /** {@code postern.outbox.enabled=true}: mail is stored first, then delivered with retries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("postern.outbox.enabled")
    static class OutboxConfiguration {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        Outbox posternOutbox(PosternProperties properties, Postern postern) {
            try {
                return Outbox.open(
                        OutboxConfig.DEFAULTS.withStore(properties.outbox().store()), postern);
            } catch (IllegalArgumentException e) {
                throw new PosternConfigException("postern.outbox.store: " + e.getMessage(), e);
            }
        }
    }

    /** With {@code spring-context-support}: the application's {@code JavaMailSender} sends through Postern. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JavaMailSender.class)
    static class MailConfiguration {
        @Bean
        @ConditionalOnMissingBean(MailSender.class)
        PosternMailSender posternMailSender(Postern postern, ObjectProvider<Outbox> outbox) {
            return new PosternMailSender(postern, outbox.getIfAvailable());
        }
    }

    /** With Boot's health support: {@code /actuator/health} shows each provider under {@code postern}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CompositeHealthContributor.class)
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "posternHealthContributor")
        CompositeHealthContributor posternHealthContributor(Postern postern) {
            return ProviderHealth.of(postern);
        }
    }

    /** With Micrometer: {@code postern.attempts} counters on the application's registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {
        @Bean
        AttemptMetrics posternAttemptMetrics(ObjectProvider<MeterRegistry> registry) {
            return new AttemptMetrics(registry::getIfAvailable);
        }
    }
}
