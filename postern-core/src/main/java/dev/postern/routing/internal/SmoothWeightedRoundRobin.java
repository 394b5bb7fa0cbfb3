package dev.postern.routing.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Nginx's smooth weighted round-robin: each pick adds every candidate's weight to its running
 * score, takes the highest score and subtracts the total from it. Over any {@code sum(weights)}
 * consecutive picks each candidate is chosen exactly {@code weight} times, interleaved rather than
 * in runs. Scores restart whenever the set of candidates changes, so the shares renormalise
 * exactly over the providers that are available.
 */
final class SmoothWeightedRoundRobin {
    private final Map<String, Long> scores = new HashMap<>();
    private Set<String> lastSet = Set.of();

    /** Picks one of {@code candidates} (not empty); ties go to the earlier one in the list. */
    synchronized <C extends Candidate> C pick(List<C> candidates) {
        Set<String> names = candidates.stream().map(Candidate::name).collect(Collectors.toSet());
        if (!names.equals(lastSet)) {
            scores.clear();
            lastSet = names;
        }
        long total = 0;
        C best = null;
        long bestScore = Long.MIN_VALUE;
        for (C candidate : candidates) {
            long score = scores.getOrDefault(candidate.name(), 0L) + candidate.weight();
            scores.put(candidate.name(), score);
            total += candidate.weight();
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        scores.put(best.name(), bestScore - total);
        return best;
    }
}
