package dev.postern.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsDoctorTest {
    static final Duration TIMEOUT = Duration.ofMillis(500);
    static final SendingProvider SENDGRID = SendingProvider.of("sendgrid", "sendgrid");
    static final SendingProvider MAILGUN =
            SendingProvider.of("mailgun", "mailgun").withDkimSelectors(List.of("mta"));

    private final LoopbackDns dns = LoopbackDns.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    DoctorReport check(String zone, SendingProvider... providers) {
        dns.serve(zone);
        return DnsDoctor.check(DoctorRequest.of("example.com", List.of(providers))
                .withResolver(dns.address())
                .withTimeout(TIMEOUT));
    }

    static Check find(DoctorReport report, String subject, CheckKind kind) {
        return report.checks().stream()
                .filter(c -> c.subject().equals(subject) && c.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void fullyCorrectDomainPassesEveryCheckAndCountsNestedLookups() {
        DoctorReport report = check(Zones.HEALTHY, SENDGRID, MAILGUN);

        assertThat(report.checks())
                .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(CheckStatus.PASS));
        assertThat(report.checks())
                .extracting(c -> c.subject() + " " + c.kind().label())
                .containsExactly(
                        "sendgrid spf",
                        "sendgrid dkim",
                        "mailgun spf",
                        "mailgun dkim",
                        "domain spf",
                        "domain dmarc",
                        "domain mx");
        assertThat(report.ok()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(report.spfLookups()).hasValue(3);
        assertThat(find(report, "domain", CheckKind.SPF).reason())
                .isEqualTo("one record, 3 of 10 DNS lookups, ends in ~all");
        assertThat(find(report, "sendgrid", CheckKind.DKIM).reason()).isEqualTo("key published for selectors s1, s2");
    }

    @Test
    void missingIncludeFailsThatProviderAndSuggestsTheCompletedRecord() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net ~all\""),
                SENDGRID,
                MAILGUN);

        Check mailgun = find(report, "mailgun", CheckKind.SPF);
        assertThat(mailgun.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(mailgun.reason()).isEqualTo("example.com's SPF record does not include mailgun.org");
        assertThat(mailgun.fix())
                .containsExactly("example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org ~all\"");
        assertThat(find(report, "sendgrid", CheckKind.SPF).status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.ok()).isFalse();
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void includeReachedThroughANestedIncludeAuthorisesTheProvider() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:_spf.example.com -all\"",
                        "_spf.example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org ~all\""),
                SENDGRID,
                MAILGUN);

        assertThat(find(report, "sendgrid", CheckKind.SPF).reason())
                .isEqualTo("example.com includes sendgrid.net through _spf.example.com");
        assertThat(report.spfLookups()).hasValue(4);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void spfOverTenLookupsThroughNestedIncludesFailsWithTheCostOfEachInclude() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org include:_big.example.com ~all\"",
                        "_big.example.com. 3600 IN TXT \"v=spf1 include:_b1.example.com include:_b2.example.com a mx ~all\"",
                        "_b1.example.com. 3600 IN TXT \"v=spf1 a mx ptr exists:%{i}.rbl.example.com ~all\"",
                        "_b2.example.com. 3600 IN TXT \"v=spf1 a:relay.example.com mx:example.net ip4:192.0.2.0/24 ~all\""),
                SENDGRID,
                MAILGUN);

        Check spf = find(report, "domain", CheckKind.SPF);
        assertThat(spf.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(spf.reason())
                .isEqualTo("14 DNS lookups, more than the 10 receivers allow (permerror: no sender passes SPF)");
        assertThat(spf.fix())
                .containsExactly(
                        "; remove includes you no longer use, or replace nested ones by their ip4:/ip6: ranges:",
                        "; include:_big.example.com costs 11 lookups",
                        "; include:mailgun.org costs 2 lookups",
                        "; include:sendgrid.net costs 1 lookup");
        assertThat(report.spfLookups()).hasValue(14);
        assertThat(report.toJson()).contains("\"spf_lookups\" : 14");
    }

    @Test
    void spfOverTenLookupsFailsEveryProviderItIncludesSinceAPermerrorAuthorisesNoOne() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org include:_big.example.com ~all\"",
                        "_big.example.com. 3600 IN TXT \"v=spf1 a mx ptr a:x.example.com mx:example.net a:y.example.com mx:example.org ~all\""),
                SENDGRID,
                MAILGUN);

        for (String provider : List.of("sendgrid", "mailgun")) {
            Check spf = find(report, provider, CheckKind.SPF);
            assertThat(spf.status()).as(provider).isEqualTo(CheckStatus.FAIL);
            assertThat(spf.reason())
                    .as(provider)
                    .startsWith("example.com's SPF record: 11 DNS lookups, more than the 10 receivers allow"
                            + " (permerror: no sender passes SPF), so ")
                    .endsWith(" is not authorised");
            assertThat(spf.fix())
                    .as(provider)
                    .startsWith(
                            "; remove includes you no longer use, or replace nested ones by their ip4:/ip6: ranges:");
        }
        assertThat(find(report, "domain", CheckKind.SPF).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aNestedIncludeWithTwoRecordsFailsEveryProviderItReaches() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org include:_x.example.com ~all\"",
                        "_x.example.com. 3600 IN TXT \"v=spf1 a ~all\"",
                        "_x.example.com. 3600 IN TXT \"v=spf1 mx ~all\""),
                SENDGRID,
                MAILGUN);

        Check sendgrid = find(report, "sendgrid", CheckKind.SPF);
        assertThat(sendgrid.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(sendgrid.reason())
                .isEqualTo("example.com's SPF record: include:_x.example.com has 2 SPF records"
                        + " (receivers return permerror), so sendgrid.net is not authorised");
        assertThat(sendgrid.fix()).containsExactly("; fix or remove include:_x.example.com");
    }

    @Test
    void twoSpfRecordsFailTheDomainAndEveryProviderWithOneMergedRecordAsTheFix() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net ~all\"",
                        "example.com. 3600 IN TXT \"v=spf1 include:mailgun.org -all\""),
                SENDGRID,
                MAILGUN);

        String merged = "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org -all\"";
        Check domain = find(report, "domain", CheckKind.SPF);
        assertThat(domain.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(domain.reason()).isEqualTo("2 SPF records at example.com (permerror: receivers accept exactly one)");
        assertThat(domain.fix()).containsExactly(merged);
        Check sendgrid = find(report, "sendgrid", CheckKind.SPF);
        assertThat(sendgrid.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(sendgrid.reason())
                .startsWith("2 SPF records at example.com")
                .endsWith("so sendgrid.net is not authorised");
        assertThat(sendgrid.fix()).containsExactly(merged);
        assertThat(report.spfLookups()).isEmpty();
        assertThat(report.toJson()).contains("\"spf_lookups\" : null");
    }

    @Test
    void noSpfRecordFailsWithARecordIncludingEveryProvider() {
        DoctorReport report = check(Zones.healthyWithout("example.com. 3600 IN TXT \"v=spf1"), SENDGRID, MAILGUN);

        Check domain = find(report, "domain", CheckKind.SPF);
        assertThat(domain.reason()).isEqualTo("no SPF record (TXT \"v=spf1 …\") at example.com");
        assertThat(domain.fix())
                .containsExactly("example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org ~all\"");
    }

    @Test
    void plusAllAndAMissingAllFailWithTheRecordEndingInSoftFail() {
        DoctorReport plusAll = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org +all\""),
                SENDGRID,
                MAILGUN);
        DoctorReport noAll = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org\""),
                SENDGRID,
                MAILGUN);

        String fixed = "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org ~all\"";
        assertThat(find(plusAll, "domain", CheckKind.SPF).reason()).isEqualTo("ends in +all: it must be ~all or -all");
        assertThat(find(plusAll, "domain", CheckKind.SPF).fix()).containsExactly(fixed);
        assertThat(find(noAll, "domain", CheckKind.SPF).reason())
                .isEqualTo("no ~all or -all: mail from anyone else is neutral, not failed");
        assertThat(find(noAll, "domain", CheckKind.SPF).fix()).containsExactly(fixed);
    }

    @Test
    void includeOfADomainWithoutSpfIsAPermerror() {
        DoctorReport report = check(
                Zones.healthyReplacing(
                        "example.com. 3600 IN TXT \"v=spf1",
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org include:gone.example.net ~all\""),
                SENDGRID,
                MAILGUN);

        Check domain = find(report, "domain", CheckKind.SPF);
        assertThat(domain.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(domain.reason())
                .isEqualTo("include:gone.example.net has no SPF record (receivers return permerror)");
        assertThat(domain.fix()).containsExactly("; fix or remove include:gone.example.net");
    }
}
