package dev.postern.doctor.internal;

import dev.postern.doctor.Check;
import dev.postern.doctor.CheckKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DMARC (RFC 7489): exactly one {@code v=DMARC1} TXT record at {@code _dmarc.DOMAIN} with a valid
 * {@code p=} policy. {@code p=none} passes, with a note that it only monitors.
 */
public final class DmarcCheck {
    private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");

    private DmarcCheck() {}

    public static Check of(Dns dns, String domain) {
        String name = "_dmarc." + domain;
        Answer answer = dns.txt(name);
        List<String> fix = List.of(ZoneLines.txt(name, "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@" + domain));
        if (answer instanceof Answer.Failed failed) {
            return Check.unchecked(Check.DOMAIN, CheckKind.DMARC, failed.why());
        }
        List<String> records = answer instanceof Answer.Found found
                ? found.values().stream()
                        .filter(v -> v.strip().startsWith("v=DMARC1"))
                        .toList()
                : List.of();
        if (records.isEmpty()) {
            return Check.fail(Check.DOMAIN, CheckKind.DMARC, "no DMARC record (TXT \"v=DMARC1; …\") at " + name, fix);
        }
        if (records.size() > 1) {
            return Check.fail(
                    Check.DOMAIN,
                    CheckKind.DMARC,
                    records.size() + " DMARC records at " + name + ": receivers ignore them all",
                    fix);
        }
        Map<String, String> tags = tags(records.get(0));
        if (!tags.keySet().iterator().next().equals("v") || !"DMARC1".equals(tags.get("v"))) {
            return Check.fail(Check.DOMAIN, CheckKind.DMARC, "v=DMARC1 must be the first tag", fix);
        }
        String policy = tags.get("p");
        if (policy == null) {
            return Check.fail(Check.DOMAIN, CheckKind.DMARC, "no p= policy in " + name, fix);
        }
        if (!POLICIES.contains(policy)) {
            return Check.fail(Check.DOMAIN, CheckKind.DMARC, "p=" + policy + " is not none, quarantine or reject", fix);
        }
        String reports = tags.containsKey("rua") ? ", reports to " + tags.get("rua") : ", no rua= for reports";
        if (policy.equals("none")) {
            return Check.pass(
                    Check.DOMAIN,
                    CheckKind.DMARC,
                    "p=none" + reports + " (note: monitoring only; move to p=quarantine once the reports are clean)");
        }
        return Check.pass(Check.DOMAIN, CheckKind.DMARC, "p=" + policy + reports);
    }

    private static Map<String, String> tags(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : record.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(
                        tag.substring(0, equals).strip(),
                        tag.substring(equals + 1).strip());
            }
        }
        return tags;
    }
}
