package dev.postern.server.metrics;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider whose every attempt is counted ({@code postern_attempts_total}), timed ({@code
 * postern_provider_latency_seconds}) and logged as one structured line on {@code postern.attempts}.
 * The outcome is returned untouched, and recording cannot throw into the send.
 */
final class MeasuredProvider implements Provider {
    private static final Logger ATTEMPTS = LoggerFactory.getLogger("postern.attempts");
    private static final Logger LOG = LoggerFactory.getLogger(MeasuredProvider.class);

    private final String name;
    private final Provider provider;
    private final MeterRegistry registry;
    private final Timer latency;

    MeasuredProvider(String name, Provider provider, MeterRegistry registry) {
        this.name = name;
        this.provider = provider;
        this.registry = registry;
        this.latency = Timer.builder("postern.provider.latency")
                .description("How long each attempt took, by provider")
                .tag("provider", name)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        long start = System.nanoTime();
        SendOutcome outcome = provider.send(email, context);
        record(context, outcome, System.nanoTime() - start);
        return outcome;
    }

    private void record(AttemptContext context, SendOutcome outcome, long nanos) {
        try {
            String result = outcome.wireName();
            Counter.builder("postern.attempts")
                    .description("Attempts to hand a message to a provider, by provider and outcome")
                    .tag("provider", name)
                    .tag("outcome", result)
                    .register(registry)
                    .increment();
            latency.record(Duration.ofNanos(nanos));
            ATTEMPTS.atInfo()
                    .addKeyValue("message_id", context.messageId())
                    .addKeyValue("provider", name)
                    .addKeyValue("attempt", context.attempt())
                    .addKeyValue("outcome", result)
                    .addKeyValue("latency_ms", nanos / 1_000_000)
                    .log(
                            "attempt message_id={} provider={} attempt={} outcome={} latency_ms={}",
                            context.messageId(),
                            name,
                            context.attempt(),
                            result,
                            nanos / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("could not record an attempt of {}: {}", name, e.toString());
        }
    }

    @Override
    public String type() {
        return provider.type();
    }

    @Override
    public HealthResult checkHealth() {
        return provider.checkHealth();
    }

    @Override
    public Capabilities capabilities() {
        return provider.capabilities();
    }

    @Override
    public String toString() {
        return provider.toString();
    }
}
