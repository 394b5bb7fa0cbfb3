package dev.postern.doctor;

import static dev.postern.doctor.DnsDoctorTest.MAILGUN;
import static dev.postern.doctor.DnsDoctorTest.SENDGRID;
import static dev.postern.doctor.DnsDoctorTest.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts and resolver failures are "could not check", never a pass. */
class UnansweredQueriesTest {
    private final LoopbackDns dns = LoopbackDns.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    DoctorReport check() {
        return DnsDoctor.check(DoctorRequest.of("example.com", List.of(SENDGRID, MAILGUN))
                .withResolver(dns.address())
                .withTimeout(DnsDoctorTest.TIMEOUT));
    }

    @Test
    void timeoutIsReportedAsCouldNotCheck() {
        dns.serve(Zones.HEALTHY).drop("_dmarc.example.com");

        DoctorReport report = check();

        Check dmarc = find(report, "domain", CheckKind.DMARC);
        assertThat(dmarc.status()).isEqualTo(CheckStatus.UNCHECKED);
        assertThat(dmarc.reason())
                .isEqualTo("could not check: _dmarc.example.com TXT: the DNS resolver " + dns.address()
                        + " did not answer within 500 ms");
        assertThat(dmarc.fix()).isEmpty();
        assertThat(report.ok()).isFalse();
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.toJson()).contains("\"status\" : \"unchecked\"");
    }

    @Test
    void servfailIsReportedAsCouldNotCheck() {
        dns.serve(Zones.HEALTHY).servfail("mx2.example.com");

        Check mx = find(check(), "domain", CheckKind.MX);

        assertThat(mx.status()).isEqualTo(CheckStatus.UNCHECKED);
        assertThat(mx.reason()).isEqualTo("could not check: mx2.example.com A answered SERVFAIL");
    }

    @Test
    void servfailForTheSpfRecordLeavesEverySpfCheckUncheckedAndTheLookupsUncounted() {
        dns.serve(Zones.HEALTHY).servfail("example.com");

        DoctorReport report = check();

        assertThat(List.of(
                        find(report, "sendgrid", CheckKind.SPF),
                        find(report, "mailgun", CheckKind.SPF),
                        find(report, "domain", CheckKind.SPF)))
                .allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo(CheckStatus.UNCHECKED);
                    assertThat(c.reason()).isEqualTo("could not check: example.com TXT answered SERVFAIL");
                });
        assertThat(report.spfLookups()).isEmpty();
    }

    @Test
    void timeoutOfANestedIncludeLeavesTheDomainSpfAndTheProviderBehindItUnchecked() {
        dns.serve(Zones.HEALTHY).drop("mailgun.org");

        DoctorReport report = check();

        assertThat(find(report, "domain", CheckKind.SPF).reason())
                .isEqualTo("could not check: mailgun.org TXT: the DNS resolver " + dns.address()
                        + " did not answer within 500 ms");
        assertThat(find(report, "domain", CheckKind.SPF).status()).isEqualTo(CheckStatus.UNCHECKED);
        // mailgun.org is named by the top record itself, so the provider is authorised either way
        assertThat(find(report, "mailgun", CheckKind.SPF).status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.spfLookups()).isEmpty();
    }

    @Test
    void timeoutOfADkimSelectorIsUncheckedNotMissing() {
        dns.serve(Zones.HEALTHY).drop("s1._domainkey.example.com");

        Check dkim = find(check(), "sendgrid", CheckKind.DKIM);

        assertThat(dkim.status()).isEqualTo(CheckStatus.UNCHECKED);
        assertThat(dkim.reason())
                .isEqualTo("could not check: s1._domainkey.example.com TXT: the DNS resolver " + dns.address()
                        + " did not answer within 500 ms");
    }
}
