package dev.postern.doctor.internal;

import dev.postern.doctor.Check;
import dev.postern.doctor.CheckKind;
import dev.postern.doctor.SendingProvider;
import dev.postern.provider.type.DnsKnowledge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * SPF, checked twice: once for the domain (exactly one record, at most 10 lookups, ends in
 * {@code ~all} or {@code -all}) and once per provider (its include is reachable from the record,
 * and the record is no permerror, which would authorise no one).
 */
public final class SpfChecks {
    static final int MAX_LOOKUPS = 10;

    private final Dns dns;
    private final String domain;
    private final SpfAnalysis root;
    private final List<String> rootIncludes;

    /**
     * @param rootIncludes the includes every provider needs in the domain's own record, for the
     *     suggested record
     */
    public SpfChecks(Dns dns, String domain, List<SendingProvider> providers) {
        this.dns = dns;
        this.domain = domain;
        this.root = SpfAnalysis.of(dns, domain);
        this.rootIncludes = providers.stream()
                .filter(p -> ProviderKnowledge.spfName(p, domain).equals(domain))
                .filter(p -> ProviderKnowledge.returnPath(p).isEmpty())
                .flatMap(p -> ProviderKnowledge.spfInclude(p).stream())
                .distinct()
                .toList();
    }

    /** The lookups the domain's record costs, when it could be counted. */
    public Optional<Integer> lookups() {
        return root.walk().filter(w -> w.unanswered().isEmpty()).map(SpfWalk.Result::lookups);
    }

    public Check forDomain() {
        String subject = Check.DOMAIN;
        if (root.failed().isPresent()) {
            return Check.unchecked(subject, CheckKind.SPF, root.failed().get());
        }
        if (root.records().size() != 1) {
            return Check.fail(subject, CheckKind.SPF, countProblem(root), List.of(root.fixLine(rootIncludes)));
        }
        SpfWalk.Result walk = root.walk().orElseThrow();
        List<String> problems = new ArrayList<>();
        List<String> fix = new ArrayList<>();
        Optional<String> all = root.all();
        boolean redirects = SpfRecords.terms(root.records().get(0)).stream()
                .anyMatch(t -> SpfRecords.name(t).equals("redirect"));
        if (all.isEmpty() && !redirects) {
            problems.add("no ~all or -all: mail from anyone else is neutral, not failed");
            fix.add(root.fixLine(rootIncludes));
        } else if (all.isPresent() && !all.get().equals("~all") && !all.get().equals("-all")) {
            problems.add("ends in " + all.get() + ": it must be ~all or -all");
            fix.add(root.fixLine(rootIncludes));
        }
        for (Permerror permerror : permerrors(walk)) {
            problems.add(permerror.reason());
            fix.addAll(permerror.fix());
        }
        if (!problems.isEmpty()) {
            return Check.fail(subject, CheckKind.SPF, String.join("; ", problems), fix);
        }
        if (walk.unanswered().isPresent()) {
            return Check.unchecked(subject, CheckKind.SPF, walk.unanswered().get());
        }
        return Check.pass(
                subject,
                CheckKind.SPF,
                "one record, " + walk.lookups() + " of " + MAX_LOOKUPS + " DNS lookups, ends in "
                        + all.orElse("a redirect"));
    }

    public Check forProvider(SendingProvider provider) {
        String subject = provider.name();
        Optional<String> include = ProviderKnowledge.spfInclude(provider);
        if (include.isEmpty()) {
            return Check.unchecked(
                    subject,
                    CheckKind.SPF,
                    "not checked: no SPF include is known for type " + provider.type()
                            + "; set spf_include for provider '" + provider.name() + "'");
        }
        String name = ProviderKnowledge.spfName(provider, domain);
        SpfAnalysis analysis = name.equals(domain) ? root : SpfAnalysis.of(dns, name);
        List<String> includes = name.equals(domain) ? rootIncludes : List.of(include.get());
        if (analysis.failed().isPresent()) {
            return Check.unchecked(subject, CheckKind.SPF, analysis.failed().get());
        }
        List<Permerror> permerrors = analysis.walk().map(SpfChecks::permerrors).orElse(List.of());
        if (analysis.reaches(include.get()) && permerrors.isEmpty()) {
            String via = analysis.via(include.get());
            return Check.pass(
                    subject,
                    CheckKind.SPF,
                    name + " includes " + include.get() + (via.isEmpty() ? "" : " through " + via));
        }
        Optional<DnsKnowledge.ReturnPath> returnPath = ProviderKnowledge.returnPath(provider);
        if (returnPath.isPresent()) {
            return returnPath(subject, analysis, include.get(), returnPath.get());
        }
        if (!permerrors.isEmpty()) {
            // receivers stop at a permerror, so an include in the record authorises no one
            return Check.fail(
                    subject,
                    CheckKind.SPF,
                    name + "'s SPF record: "
                            + String.join(
                                    "; ",
                                    permerrors.stream().map(Permerror::reason).toList())
                            + ", so " + include.get() + " is not authorised",
                    permerrors.stream().flatMap(p -> p.fix().stream()).toList());
        }
        String missing = analysis.records().size() == 1
                ? name + "'s SPF record does not include " + include.get()
                : countProblem(analysis) + ", so " + include.get() + " is not authorised";
        if (analysis.records().size() == 1
                && analysis.walk().orElseThrow().unanswered().isPresent()) {
            return Check.unchecked(
                    subject,
                    CheckKind.SPF,
                    analysis.walk().orElseThrow().unanswered().get());
        }
        return Check.fail(subject, CheckKind.SPF, missing, List.of(analysis.fixLine(includes)));
    }

    /** The provider authorises itself through a custom Return-Path domain, a CNAME to its own host (Postmark). */
    private Check returnPath(String subject, SpfAnalysis analysis, String include, DnsKnowledge.ReturnPath path) {
        String returnPath = path.label() + "." + domain;
        Answer answer = dns.query(returnPath, Type.CNAME);
        if (answer instanceof Answer.Failed failed) {
            return Check.unchecked(subject, CheckKind.SPF, failed.why());
        }
        if (answer instanceof Answer.Found found
                && found.values().stream().anyMatch(v -> v.equals(path.target() + "."))) {
            return Check.pass(
                    subject,
                    CheckKind.SPF,
                    "Return-Path " + returnPath + " is a CNAME to " + path.target() + " (" + path.provider()
                            + "'s SPF is checked there)");
        }
        return Check.fail(
                subject,
                CheckKind.SPF,
                "neither the Return-Path CNAME " + returnPath + " → " + path.target() + " nor include:" + include
                        + " in " + analysis.name() + "'s SPF record is published",
                List.of(
                        ZoneLines.comment(path.provider()
                                + "'s custom Return-Path carries SPF; use the host name set in " + path.provider()),
                        ZoneLines.cname(returnPath, path.target())));
    }

    /**
     * What makes receivers return permerror for one walked record, other than their count (RFC 7208
     * §4.6.4: more than 10 lookups; a nested include without exactly one record, or looping). A
     * permerror authorises no one, whatever the record includes.
     */
    private static List<Permerror> permerrors(SpfWalk.Result walk) {
        List<Permerror> found = new ArrayList<>();
        if (walk.lookups() > MAX_LOOKUPS) {
            List<String> fix = new ArrayList<>();
            fix.add(ZoneLines.comment(
                    "remove includes you no longer use, or replace nested ones by their ip4:/ip6: ranges:"));
            walk.costs().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> fix.add(ZoneLines.comment(
                            e.getKey() + " costs " + e.getValue() + " lookup" + (e.getValue() == 1 ? "" : "s"))));
            found.add(new Permerror(
                    walk.lookups() + " DNS lookups, more than the " + MAX_LOOKUPS
                            + " receivers allow (permerror: no sender passes SPF)",
                    fix));
        }
        for (String problem : walk.problems()) {
            found.add(new Permerror(
                    problem,
                    List.of(ZoneLines.comment("fix or remove " + problem.substring(0, problem.indexOf(' '))))));
        }
        return found;
    }

    /** Why receivers return permerror, and the zone lines (or comments) that fix it. */
    private record Permerror(String reason, List<String> fix) {}

    private static String countProblem(SpfAnalysis analysis) {
        return analysis.records().isEmpty()
                ? "no SPF record (TXT \"v=spf1 …\") at " + analysis.name()
                : analysis.records().size() + " SPF records at " + analysis.name()
                        + " (permerror: receivers accept exactly one)";
    }
}
