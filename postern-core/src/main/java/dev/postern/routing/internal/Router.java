package dev.postern.routing.internal;

import dev.postern.routing.Strategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the providers that are available right now into the sequence a message tries them in:
 * the strategy picks the first, the rest follow in priority order (ties in registration order).
 */
public final class Router {
    private static final Comparator<Candidate> BY_PRIORITY = Comparator.comparingInt(Candidate::priority);

    private final Strategy strategy;
    private final SmoothWeightedRoundRobin weighted = new SmoothWeightedRoundRobin();

    public Router(Strategy strategy) {
        this.strategy = strategy;
    }

    /** {@code available} in registration order; returns a new list, empty when none is available. */
    public <C extends Candidate> List<C> order(List<C> available) {
        List<C> ordered = new ArrayList<>(available);
        ordered.sort(BY_PRIORITY);
        if (ordered.size() < 2) {
            return ordered;
        }
        C first = switch (strategy) {
            case PRIORITY, PRIMARY_WITH_SPILLOVER -> ordered.getFirst();
            case WEIGHTED -> weighted.pick(available);
        };
        ordered.remove(first);
        ordered.addFirst(first);
        return ordered;
    }

    /**
     * True when {@code first} is the message's planned route among {@code able} (every provider
     * that can carry it, in or out of rotation): under the weighted strategy every pick is planned;
     * otherwise only the lowest priority number is, and starting anywhere else is a failover.
     */
    public <C extends Candidate> boolean planned(C first, List<C> able) {
        return strategy == Strategy.WEIGHTED || able.stream().min(BY_PRIORITY).orElse(first) == first;
    }
}
