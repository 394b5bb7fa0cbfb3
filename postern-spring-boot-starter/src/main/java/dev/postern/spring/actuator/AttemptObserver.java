package dev.postern.spring.actuator;

import dev.postern.provider.SendOutcome;

/**
 * Hears every attempt's outcome at every provider (metrics). Called on the sending thread after
 * the provider answered; implementations are quick and never throw.
 */
@FunctionalInterface
public interface AttemptObserver {
    void attempted(String provider, SendOutcome outcome);
}
