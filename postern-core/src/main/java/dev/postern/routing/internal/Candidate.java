package dev.postern.routing.internal;

/** What routing needs to know of a provider to order it; implemented by the provider's route. */
public interface Candidate {
    String name();

    int priority();

    int weight();
}
