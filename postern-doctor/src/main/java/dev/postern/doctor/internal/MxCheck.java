package dev.postern.doctor.internal;

import dev.postern.doctor.Check;
import dev.postern.doctor.CheckKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Inbound mail: at least two MX hosts with distinct preferences (a primary and an ordered backup),
 * each resolving to an A or AAAA address. A null MX (RFC 7505) passes: the domain says it takes no mail.
 */
public final class MxCheck {
    /** An address from the documentation range (RFC 5737), to be replaced in the fix line. */
    private static final String EXAMPLE_ADDRESS = "192.0.2.25";

    private MxCheck() {}

    private record Mx(int preference, String host) {}

    public static Check of(Dns dns, String domain) {
        Answer answer = dns.mx(domain);
        if (answer instanceof Answer.Failed failed) {
            return Check.unchecked(Check.DOMAIN, CheckKind.MX, failed.why());
        }
        if (!(answer instanceof Answer.Found found)) {
            return Check.fail(
                    Check.DOMAIN,
                    CheckKind.MX,
                    "no MX records at " + domain + ": inbound mail has nowhere to go",
                    List.of(
                            ZoneLines.comment("point these at the mail servers that accept mail for " + domain),
                            ZoneLines.mx(domain, 10, "mx1." + domain),
                            ZoneLines.mx(domain, 20, "mx2." + domain)));
        }
        List<Mx> hosts = found.values().stream()
                .map(v -> new Mx(Integer.parseInt(v.substring(0, v.indexOf(' '))), v.substring(v.indexOf(' ') + 1)))
                .sorted(Comparator.comparingInt(Mx::preference).thenComparing(Mx::host))
                .toList();
        if (hosts.size() == 1 && hosts.get(0).host().equals(".")) {
            return Check.pass(
                    Check.DOMAIN, CheckKind.MX, "null MX (RFC 7505): " + domain + " declares it receives no mail");
        }
        List<String> problems = new ArrayList<>();
        List<String> fix = new ArrayList<>();
        int highest = hosts.get(hosts.size() - 1).preference();
        if (hosts.size() < 2) {
            Mx only = hosts.get(0);
            problems.add("only one MX host (" + only.host() + ", preference " + only.preference()
                    + "): inbound mail waits or bounces while it is down");
            fix.add(ZoneLines.comment("add a backup mail server that accepts mail for " + domain));
            fix.add(ZoneLines.mx(domain, highest + 10, "backup-mx." + domain));
        } else if (hosts.stream().map(Mx::preference).distinct().count() == 1) {
            problems.add(
                    "all " + hosts.size() + " MX hosts share preference " + highest + ": there is no ordered backup");
            fix.add(ZoneLines.comment("replace the MX records with ordered preferences"));
            for (int i = 0; i < hosts.size(); i++) {
                fix.add(ZoneLines.mx(domain, 10 * (i + 1), hosts.get(i).host()));
            }
        }
        Optional<String> unanswered = Optional.empty();
        for (Mx mx : hosts) {
            Answer address = dns.address(mx.host());
            if (address instanceof Answer.Failed failed) {
                unanswered = unanswered.or(() -> Optional.of(failed.why()));
            } else if (address instanceof Answer.Missing missing) {
                problems.add("MX host " + mx.host() + " has no A or AAAA address (" + missing.why() + ")");
                fix.add(ZoneLines.comment("give " + mx.host() + " its address (" + EXAMPLE_ADDRESS
                        + " is a placeholder), or remove its MX record"));
                fix.add(ZoneLines.a(mx.host(), EXAMPLE_ADDRESS));
            }
        }
        if (!problems.isEmpty()) {
            return Check.fail(Check.DOMAIN, CheckKind.MX, String.join("; ", problems), fix);
        }
        if (unanswered.isPresent()) {
            return Check.unchecked(Check.DOMAIN, CheckKind.MX, unanswered.get());
        }
        return Check.pass(
                Check.DOMAIN,
                CheckKind.MX,
                hosts.size() + " hosts, each with an address: "
                        + String.join(
                                ", ",
                                hosts.stream()
                                        .map(m -> m.preference() + " " + m.host())
                                        .toList()));
    }
}
