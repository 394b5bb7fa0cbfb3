package dev.postern.doctor.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks an SPF record and every record it includes or redirects to, counting the DNS-querying
 * terms as receivers do (RFC 7208 §4.6.4: {@code include}, {@code a}, {@code mx}, {@code ptr},
 * {@code exists} and {@code redirect}; not {@code ip4}, {@code ip6} or {@code all}), and noting
 * every domain reached through includes.
 */
final class SpfWalk {
    /** Beyond this many nested records the walk stops: receivers would have given up long before. */
    private static final int MAX_RECORDS = 40;

    private static final Set<String> QUERYING = Set.of("include", "a", "mx", "ptr", "exists", "redirect");

    private final Dns dns;
    private final Map<String, String> reached = new LinkedHashMap<>();
    private final Map<String, Integer> costs = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Deque<String> path = new ArrayDeque<>();
    private Optional<String> unanswered = Optional.empty();
    private int lookups;
    private int records;

    private SpfWalk(Dns dns) {
        this.dns = dns;
    }

    /**
     * @param lookups DNS-querying terms in the whole tree
     * @param reached every domain reached by include or redirect, with the records in between
     *     ("" when the top record names it)
     * @param costs the lookups each top-level include or redirect costs, itself included
     * @param problems what makes receivers return permerror, other than the lookup count
     * @param unanswered the first nested record the resolver did not answer for, if any
     */
    record Result(
            int lookups,
            Map<String, String> reached,
            Map<String, Integer> costs,
            List<String> problems,
            Optional<String> unanswered) {}

    static Result of(Dns dns, String domain, String record) {
        SpfWalk walk = new SpfWalk(dns);
        walk.path.push(domain);
        walk.walk(record, true);
        return new Result(walk.lookups, walk.reached, walk.costs, walk.problems, walk.unanswered);
    }

    private void walk(String record, boolean top) {
        List<String> terms = SpfRecords.terms(record);
        boolean hasAll = terms.stream().anyMatch(t -> SpfRecords.name(t).equals("all"));
        for (String term : terms) {
            String name = SpfRecords.name(term);
            if (!QUERYING.contains(name)) {
                continue;
            }
            int before = lookups;
            lookups++;
            boolean follows = name.equals("include") || (name.equals("redirect") && !hasAll);
            if (follows) {
                follow(name, SpfRecords.target(term));
            }
            if (top && follows) {
                costs.put(name + (name.equals("include") ? ":" : "=") + SpfRecords.target(term), lookups - before);
            }
        }
    }

    private void follow(String how, String target) {
        if (target.isEmpty() || target.contains("%")) {
            return; // macros are expanded per message; there is nothing fixed to follow
        }
        List<String> via = new ArrayList<>(path.reversed());
        via.remove(0);
        reached.putIfAbsent(target, String.join(" → ", via));
        if (path.contains(target)) {
            problems.add(how + ":" + target + " loops back to itself");
            return;
        }
        if (++records > MAX_RECORDS) {
            return;
        }
        Answer answer = dns.txt(target);
        if (answer instanceof Answer.Failed failed) {
            unanswered = unanswered.or(() -> Optional.of(failed.why()));
            return;
        }
        List<String> found = SpfRecords.in(answer);
        if (found.size() != 1) {
            problems.add(how + ":" + target
                    + (found.isEmpty() ? " has no SPF record" : " has " + found.size() + " SPF records")
                    + " (receivers return permerror)");
            return;
        }
        path.push(target);
        walk(found.get(0), false);
        path.pop();
    }
}
