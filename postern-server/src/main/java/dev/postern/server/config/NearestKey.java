package dev.postern.server.config;

import java.util.Collection;
import java.util.Optional;

/**
 * The known key a mistyped one most likely meant: the nearest by edit distance (insertions,
 * deletions, substitutions and swaps of two neighbours, each 1), when it is at most 2 and at most a
 * third of the typed key's length, so short or unrelated keys get no guess. Ties go to the first in
 * {@code known}'s order. A dozen lines here spare the server a text library for one function.
 */
final class NearestKey {
    private static final int MAX_DISTANCE = 2;

    private NearestKey() {}

    static Optional<String> to(String typed, Collection<String> known) {
        int limit = Math.min(MAX_DISTANCE, typed.length() / 3);
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : known) {
            int d = distance(typed, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
