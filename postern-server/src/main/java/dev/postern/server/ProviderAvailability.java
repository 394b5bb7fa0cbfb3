package dev.postern.server;

import dev.postern.Postern;
import dev.postern.routing.ProviderState;

/**
 * Whether routing has a provider in rotation, for the email alert sink. The sink is built before
 * routing (routing takes its alert sinks when built), so routing is bound here once it exists;
 * until then every provider counts as usable.
 */
final class ProviderAvailability {
    private volatile Postern routing;

    /** Binds the routing built with the sinks that ask; called once. */
    void bind(Postern routing) {
        this.routing = routing;
    }

    /** True when {@code provider} is in rotation, or when routing is not built yet. */
    boolean usable(String provider) {
        Postern bound = routing;
        return bound == null
                || bound.providers().stream()
                        .anyMatch(p -> p.name().equals(provider) && p.state() == ProviderState.AVAILABLE);
    }
}
