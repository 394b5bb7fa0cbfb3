package dev.postern.doctor;

import static dev.postern.doctor.DnsDoctorTest.MAILGUN;
import static dev.postern.doctor.DnsDoctorTest.SENDGRID;
import static dev.postern.doctor.DnsDoctorTest.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DKIM, DMARC and MX against the loopback server. */
class DomainChecksTest {
    private final LoopbackDns dns = LoopbackDns.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    DoctorReport check(String zone) {
        dns.serve(zone);
        return DnsDoctor.check(DoctorRequest.of("example.com", List.of(SENDGRID, MAILGUN))
                .withResolver(dns.address())
                .withTimeout(DnsDoctorTest.TIMEOUT));
    }

    @Test
    void missingDkimForOneProviderFailsOnlyThatProviderWithTheRecordToPublish() {
        DoctorReport report = check(Zones.healthyWithout("mta._domainkey"));

        Check mailgun = find(report, "mailgun", CheckKind.DKIM);
        assertThat(mailgun.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(mailgun.reason()).isEqualTo("mta._domainkey.example.com: no DKIM record (NXDOMAIN)");
        assertThat(mailgun.fix())
                .containsExactly(
                        "; copy the DKIM TXT value from the Mailgun domain's DNS records page",
                        "mta._domainkey.example.com. 3600 IN TXT \"v=DKIM1; k=rsa; p=<public key from the provider>\"");
        assertThat(find(report, "sendgrid", CheckKind.DKIM).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void dkimCnameWhoseTargetIsMissingFailsWithTheCnameToPublish() {
        DoctorReport report = check(Zones.healthyWithout("s2.domainkey"));

        Check sendgrid = find(report, "sendgrid", CheckKind.DKIM);
        assertThat(sendgrid.reason()).isEqualTo("s2._domainkey.example.com: no DKIM record (NXDOMAIN)");
        assertThat(sendgrid.fix())
                .contains("s2._domainkey.example.com. 3600 IN CNAME s2.domainkey.u0000000.wl000.sendgrid.net.");
    }

    @Test
    void revokedDkimKeyFails() {
        DoctorReport report = check(Zones.healthyReplacing(
                "mta._domainkey", "mta._domainkey.example.com. 3600 IN TXT \"v=DKIM1; k=rsa; p=\""));

        assertThat(find(report, "mailgun", CheckKind.DKIM).reason())
                .isEqualTo("mta._domainkey.example.com: p= is empty: the key is revoked");
    }

    @Test
    void noDmarcFailsWithAQuarantineRecordAsTheFix() {
        DoctorReport report = check(Zones.healthyWithout("_dmarc"));

        Check dmarc = find(report, "domain", CheckKind.DMARC);
        assertThat(dmarc.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dmarc.reason()).isEqualTo("no DMARC record (TXT \"v=DMARC1; …\") at _dmarc.example.com");
        assertThat(dmarc.fix())
                .containsExactly(
                        "_dmarc.example.com. 3600 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com\"");
    }

    @Test
    void dmarcPolicyNonePassesWithANote() {
        DoctorReport report =
                check(Zones.healthyReplacing("_dmarc", "_dmarc.example.com. 3600 IN TXT \"v=DMARC1; p=none\""));

        Check dmarc = find(report, "domain", CheckKind.DMARC);
        assertThat(dmarc.status()).isEqualTo(CheckStatus.PASS);
        assertThat(dmarc.reason())
                .isEqualTo(
                        "p=none, no rua= for reports (note: monitoring only; move to p=quarantine once the reports are clean)");
    }

    @Test
    void dmarcPolicyIsReported() {
        assertThat(find(check(Zones.HEALTHY), "domain", CheckKind.DMARC).reason())
                .isEqualTo("p=quarantine, reports to mailto:dmarc@example.com");
    }

    @Test
    void dmarcWithoutPolicyFails() {
        DoctorReport report = check(Zones.healthyReplacing(
                "_dmarc", "_dmarc.example.com. 3600 IN TXT \"v=DMARC1; rua=mailto:d@example.com\""));

        assertThat(find(report, "domain", CheckKind.DMARC).reason()).isEqualTo("no p= policy in _dmarc.example.com");
    }

    @Test
    void singleMxFailsWithABackupMxLine() {
        DoctorReport report = check(Zones.healthyWithout("example.com. 3600 IN MX 20"));

        Check mx = find(report, "domain", CheckKind.MX);
        assertThat(mx.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(mx.reason())
                .isEqualTo(
                        "only one MX host (mx1.example.com, preference 10): inbound mail waits or bounces while it is down");
        assertThat(mx.fix())
                .containsExactly(
                        "; add a backup mail server that accepts mail for example.com",
                        "example.com. 3600 IN MX 20 backup-mx.example.com.");
    }

    @Test
    void mxHostThatDoesNotResolveFailsWithAnAddressLine() {
        DoctorReport report = check(Zones.healthyWithout("mx2.example.com."));

        Check mx = find(report, "domain", CheckKind.MX);
        assertThat(mx.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(mx.reason()).isEqualTo("MX host mx2.example.com has no A or AAAA address (NXDOMAIN)");
        assertThat(mx.fix()).contains("mx2.example.com. 3600 IN A 192.0.2.25");
    }

    @Test
    void mxHostsSharingOnePreferenceFailWithOrderedLines() {
        DoctorReport report = check(
                Zones.healthyReplacing("example.com. 3600 IN MX 20", "example.com. 3600 IN MX 10 mx2.example.com."));

        Check mx = find(report, "domain", CheckKind.MX);
        assertThat(mx.reason()).isEqualTo("all 2 MX hosts share preference 10: there is no ordered backup");
        assertThat(mx.fix())
                .containsExactly(
                        "; replace the MX records with ordered preferences",
                        "example.com. 3600 IN MX 10 mx1.example.com.",
                        "example.com. 3600 IN MX 20 mx2.example.com.");
    }

    @Test
    void noMxFails() {
        DoctorReport report = check(Zones.healthyWithout("example.com. 3600 IN MX"));

        assertThat(find(report, "domain", CheckKind.MX).reason())
                .isEqualTo("no MX records at example.com: inbound mail has nowhere to go");
    }

    @Test
    void healthyMxListsItsHosts() {
        assertThat(find(check(Zones.HEALTHY), "domain", CheckKind.MX).reason())
                .isEqualTo("2 hosts, each with an address: 10 mx1.example.com, 20 mx2.example.com");
    }
}
