package dev.postern.doctor.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SPF record(s) published at one name and, when there is exactly one, the walk through
 * everything it includes.
 *
 * @param name the name that was asked
 * @param failed why the resolver did not answer for the name itself, if it did not
 * @param records the SPF records found (none when the name has no TXT records)
 * @param walk the walk of the record, present only when there is exactly one
 */
record SpfAnalysis(String name, Optional<String> failed, List<String> records, Optional<SpfWalk.Result> walk) {

    static SpfAnalysis of(Dns dns, String name) {
        Answer answer = dns.txt(name);
        if (answer instanceof Answer.Failed failure) {
            return new SpfAnalysis(name, Optional.of(failure.why()), List.of(), Optional.empty());
        }
        List<String> records = SpfRecords.in(answer);
        Optional<SpfWalk.Result> walk =
                records.size() == 1 ? Optional.of(SpfWalk.of(dns, name, records.get(0))) : Optional.empty();
        return new SpfAnalysis(name, Optional.empty(), records, walk);
    }

    /** Whether {@code include} is reached, directly or through nested includes. */
    boolean reaches(String include) {
        return walk.map(w -> w.reached().containsKey(include)).orElse(false);
    }

    /** The records between this name and {@code include} ("" when the record includes it itself). */
    String via(String include) {
        return walk.map(w -> w.reached().getOrDefault(include, "")).orElse("");
    }

    /** The {@code all} term that ends the record, if it has one. */
    Optional<String> all() {
        if (records.size() != 1) {
            return Optional.empty();
        }
        return SpfRecords.terms(records.get(0)).stream()
                .filter(t -> SpfRecords.name(t).equals("all"))
                .findFirst();
    }

    /**
     * One SPF record that keeps what is published (both records merged when there are two),
     * adds the missing includes and ends in {@code ~all} unless it already ends in {@code -all}.
     */
    String suggestion(List<String> includes) {
        Set<String> terms = new LinkedHashSet<>();
        boolean strict = false;
        boolean redirect = false;
        for (String record : records) {
            for (String term : SpfRecords.terms(record)) {
                String kind = SpfRecords.name(term);
                if (kind.equals("all")) {
                    strict |= term.equals("-all");
                } else {
                    redirect |= kind.equals("redirect");
                    terms.add(term);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String include : includes) {
            if (!reaches(include) && !terms.contains("include:" + include)) {
                missing.add("include:" + include);
            }
        }
        List<String> result = new ArrayList<>(List.of("v=spf1"));
        List<String> modifiers = terms.stream().filter(t -> t.contains("=")).toList();
        terms.stream().filter(t -> !t.contains("=")).forEach(result::add);
        result.addAll(missing);
        result.addAll(modifiers);
        if (!redirect) {
            result.add(strict ? "-all" : "~all");
        }
        return String.join(" ", result);
    }

    String fixLine(List<String> includes) {
        return ZoneLines.txt(name, suggestion(includes));
    }
}
