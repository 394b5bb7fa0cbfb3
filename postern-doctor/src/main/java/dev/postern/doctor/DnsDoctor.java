package dev.postern.doctor;

import dev.postern.doctor.internal.DkimCheck;
import dev.postern.doctor.internal.DmarcCheck;
import dev.postern.doctor.internal.Dns;
import dev.postern.doctor.internal.MxCheck;
import dev.postern.doctor.internal.SpfChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks that a sending domain's DNS lets every configured provider deliver: SPF authorises it,
 * its DKIM keys are published, DMARC is published, and inbound mail has a backup MX (DESIGN §8).
 *
 * <pre>{@code
 * DoctorReport report = DnsDoctor.check(DoctorRequest.of("shop.example",
 *         List.of(SendingProvider.of("sendgrid", "sendgrid"))));
 * System.out.print(report.toTable());
 * System.exit(report.exitCode());
 * }</pre>
 *
 * <p>First the resolver is asked for a name that must exist (the root's name servers): when it says
 * no such name exists, or does not answer, no check is judged and every check is unchecked with the
 * reason in words. Every query goes to the one resolver in the request, once, with the request's timeout. A
 * timeout, SERVFAIL, REFUSED or network error makes the affected check {@link CheckStatus#UNCHECKED},
 * never a pass; NXDOMAIN and "no such record" are answers, and fail where a record is required.
 */
public final class DnsDoctor {
    private DnsDoctor() {}

    /**
     * Runs every check. Blocks for at most a few queries' timeouts per check.
     *
     * @throws dev.postern.error.PosternException when the resolver host does not resolve or there is no
     *     system resolver
     */
    public static DoctorReport check(DoctorRequest request) {
        Dns dns = Dns.of(request.resolver().map(ResolverAddress::parse).orElse(null), request.timeout());
        String domain = request.domain();
        Optional<String> blind = dns.cannotSee();
        if (blind.isPresent()) {
            return notChecked(domain, request.providers(), "not checked: " + blind.get());
        }
        SpfChecks spf = new SpfChecks(dns, domain, request.providers());
        List<Check> checks = new ArrayList<>();
        for (SendingProvider provider : request.providers()) {
            checks.add(spf.forProvider(provider));
            checks.add(DkimCheck.of(dns, domain, provider));
        }
        checks.add(spf.forDomain());
        checks.add(DmarcCheck.of(dns, domain));
        checks.add(MxCheck.of(dns, domain));
        OptionalInt lookups = spf.lookups().map(OptionalInt::of).orElse(OptionalInt.empty());
        return new DoctorReport(domain, lookups, checks);
    }

    /** Every check, unchecked for one reason: the resolver could not judge any of them. */
    private static DoctorReport notChecked(String domain, List<SendingProvider> providers, String reason) {
        List<Check> checks = new ArrayList<>();
        for (SendingProvider provider : providers) {
            checks.add(Check.unchecked(provider.name(), CheckKind.SPF, reason));
            checks.add(Check.unchecked(provider.name(), CheckKind.DKIM, reason));
        }
        for (CheckKind kind : List.of(CheckKind.SPF, CheckKind.DMARC, CheckKind.MX)) {
            checks.add(Check.unchecked(Check.DOMAIN, kind, reason));
        }
        return new DoctorReport(domain, OptionalInt.empty(), checks);
    }
}
