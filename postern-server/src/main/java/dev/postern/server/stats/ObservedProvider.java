package dev.postern.server.stats;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that tells observers (statistics, metrics, the attempt log) about every attempt:
 * its outcome and how long it took. The outcome is returned untouched, and an observer that throws
 * is logged and ignored, never allowed near delivery.
 */
public final class ObservedProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedProvider.class);

    /** Learns of one attempt once it has an outcome. */
    @FunctionalInterface
    public interface Observer {
        void attempted(AttemptContext context, SendOutcome outcome, Duration latency);
    }

    private final Provider provider;
    private final List<Observer> observers;

    private ObservedProvider(Provider provider, List<Observer> observers) {
        this.provider = provider;
        this.observers = observers;
    }

    public static Provider of(Provider provider, Observer... observers) {
        return new ObservedProvider(provider, List.of(observers));
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        long start = System.nanoTime();
        SendOutcome outcome = provider.send(email, context);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        for (Observer observer : observers) {
            try {
                observer.attempted(context, outcome, latency);
            } catch (RuntimeException e) {
                LOG.warn("could not record an attempt of {}: {}", provider.type(), e.toString());
            }
        }
        return outcome;
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
