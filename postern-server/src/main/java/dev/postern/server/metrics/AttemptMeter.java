package dev.postern.server.metrics;

import dev.postern.event.PosternEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every attempt of one provider counted ({@code postern_attempts_total}), timed ({@code
 * postern_provider_latency_seconds}) and logged as one structured line on {@code postern.attempts},
 * from its {@link PosternEvent.Attempted} event.
 */
final class AttemptMeter {
    private static final Logger ATTEMPTS = LoggerFactory.getLogger("postern.attempts");
    private static final Logger LOG = LoggerFactory.getLogger(AttemptMeter.class);

    private final String name;
    private final MeterRegistry registry;
    private final Timer latency;
    /** The attempt counter of each outcome, found once: registering again per attempt built its id anew. */
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

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

    private Counter counter(String outcome) {
        return Counter.builder("postern.attempts")
                .description("Attempts to hand a message to a provider, by provider and outcome")
                .tag("provider", name)
                .tag("outcome", outcome)
                .register(registry);
    }

    void attempted(PosternEvent.Attempted attempt) {
        long nanos = attempt.latency().toNanos();
        try {
            String result = attempt.outcome().wireName();
            attempts.computeIfAbsent(result, this::counter).increment();
            latency.record(Duration.ofNanos(nanos));
            ATTEMPTS.atInfo()
                    .addKeyValue("message_id", attempt.messageId())
                    .addKeyValue("provider", name)
                    .addKeyValue("attempt", attempt.number())
                    .addKeyValue("outcome", result)
                    .addKeyValue("latency_ms", nanos / 1_000_000)
                    .log(
                            "attempt message_id={} provider={} attempt={} outcome={} latency_ms={}",
                            attempt.messageId(),
                            name,
                            attempt.number(),
                            result,
                            nanos / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("could not record an attempt of {}: {}", name, e.toString());
        }
    }
}
