package dev.postern.doctor.internal;

import dev.postern.doctor.Check;
import dev.postern.doctor.CheckKind;
import dev.postern.doctor.SendingProvider;
import dev.postern.provider.type.DnsKnowledge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A provider's DKIM keys: every selector has a published, usable key (CNAMEs followed). */
public final class DkimCheck {
    private DkimCheck() {}

    public static Check of(Dns dns, String domain, SendingProvider provider) {
        String subject = provider.name();
        List<String> selectors = ProviderKnowledge.dkimSelectors(provider);
        if (selectors.isEmpty()) {
            return Check.unchecked(
                    subject,
                    CheckKind.DKIM,
                    "not checked: no DKIM selectors are known for type "
                            + provider.type() + " (they are chosen per domain); set dkim_selectors for provider '"
                            + provider.name() + "'");
        }
        DnsKnowledge knowledge = ProviderKnowledge.of(provider.type());
        List<String> published = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> fix = new ArrayList<>();
        Optional<String> unanswered = Optional.empty();
        for (String selector : selectors) {
            String name = selector + "._domainkey." + domain;
            Answer answer = dns.txt(name);
            switch (answer) {
                case Answer.Failed failed -> unanswered = unanswered.or(() -> Optional.of(failed.why()));
                case Answer.Missing missing -> {
                    failures.add(name + ": no DKIM record (" + missing.why() + ")");
                    fix.addAll(publish(knowledge, name, selector));
                }
                case Answer.Found found -> {
                    Optional<String> problem = judge(found);
                    if (problem.isEmpty()) {
                        published.add(selector);
                    } else {
                        failures.add(name + ": " + problem.get());
                        fix.addAll(publish(knowledge, name, selector));
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            return Check.fail(
                    subject,
                    CheckKind.DKIM,
                    String.join("; ", failures),
                    fix.stream().distinct().toList());
        }
        if (unanswered.isPresent()) {
            return Check.unchecked(subject, CheckKind.DKIM, unanswered.get());
        }
        return Check.pass(
                subject,
                CheckKind.DKIM,
                "key published for selector" + (published.size() == 1 ? " " : "s ") + String.join(", ", published));
    }

    /** The first record that is a usable key wins; otherwise the problem of the first. */
    private static Optional<String> judge(Answer.Found found) {
        Optional<String> first = Optional.empty();
        for (String value : found.values()) {
            Optional<String> problem = DkimKey.problem(value);
            if (problem.isEmpty()) {
                return problem;
            }
            first = first.or(() -> problem);
        }
        return first;
    }

    private static List<String> publish(DnsKnowledge knowledge, String name, String selector) {
        List<String> lines = new ArrayList<>();
        if (!knowledge.note().isEmpty()) {
            lines.add(ZoneLines.comment(knowledge.note()));
        }
        if (knowledge.dkimCnameTarget().isPresent()) {
            lines.add(ZoneLines.cname(name, knowledge.dkimCnameTarget().get().formatted(selector)));
        } else {
            lines.add(ZoneLines.txt(name, "v=DKIM1; k=rsa; p=<public key from the provider>"));
        }
        return lines;
    }
}
