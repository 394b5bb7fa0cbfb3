package dev.postern.server.metrics;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.SendOutcome;
import dev.postern.server.stats.ObservedProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every attempt of one provider counted ({@code postern_attempts_total}), timed ({@code
 * postern_provider_latency_seconds}) and logged as one structured line on {@code postern.attempts}.
 * The outcome is returned untouched, and recording cannot throw into the send.
 */
final class AttemptMeter implements ObservedProvider.Observer {
    private static final Logger ATTEMPTS = LoggerFactory.getLogger("postern.attempts");
    private static final Logger LOG = LoggerFactory.getLogger(AttemptMeter.class);

    private final String name;
    private final MeterRegistry registry;
    private final Timer latency;

    AttemptMeter(String name, MeterRegistry registry) {
        this.name = name;
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
    public void attempted(AttemptContext context, SendOutcome outcome, Duration took) {
        long nanos = took.toNanos();
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
}
