package dev.postern.spring;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.spring.actuator.AttemptObserver;
import java.util.List;

/** A provider that tells observers each outcome; core publishes no per-attempt event to listen to. */
record ObservedProvider(String name, Provider delegate, List<AttemptObserver> observers) implements Provider {
    private static final System.Logger LOG = System.getLogger(ObservedProvider.class.getName());

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        SendOutcome outcome = delegate.send(email, context);
        for (AttemptObserver observer : observers) {
            try {
                observer.attempted(name, outcome);
            } catch (RuntimeException e) {
                // like a listener's, an observer's failure never changes delivery
                LOG.log(System.Logger.Level.WARNING, "attempt observer failed; ignored", e);
            }
        }
        return outcome;
    }

    @Override
    public HealthResult checkHealth() {
        return delegate.checkHealth();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }
}
