package dev.postern.doctor;

import static dev.postern.doctor.DnsDoctorTest.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the doctor knows per provider type, and how configuration overrides it. */
class ProviderKnowledgeTest {
    private final LoopbackDns dns = LoopbackDns.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    DoctorReport check(String zone, SendingProvider... providers) {
        dns.serve(zone);
        return DnsDoctor.check(DoctorRequest.of("example.com", List.of(providers))
                .withResolver(dns.address())
                .withTimeout(DnsDoctorTest.TIMEOUT));
    }

    @Test
    void smtpRelayWithoutConfigurationIsNotCheckedAndSaysWhatToSet() {
        DoctorReport report = check(Zones.HEALTHY, SendingProvider.of("office-relay", "smtp"));

        Check spf = find(report, "office-relay", CheckKind.SPF);
        assertThat(spf.status()).isEqualTo(CheckStatus.UNCHECKED);
        assertThat(spf.reason())
                .isEqualTo(
                        "not checked: no SPF include is known for type smtp; set spf_include for provider 'office-relay'");
        assertThat(find(report, "office-relay", CheckKind.DKIM).reason())
                .startsWith("not checked: no DKIM selectors are known for type smtp")
                .endsWith("set dkim_selectors for provider 'office-relay'");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void emailrNeedsConfigurationToo() {
        DoctorReport report = check(Zones.HEALTHY, SendingProvider.of("emailr", "emailr"));

        assertThat(find(report, "emailr", CheckKind.SPF).status()).isEqualTo(CheckStatus.UNCHECKED);
        assertThat(find(report, "emailr", CheckKind.DKIM).status()).isEqualTo(CheckStatus.UNCHECKED);
    }

    @Test
    void configuredIncludeAndSelectorsGetAnUnknownProviderChecked() {
        SendingProvider relay = SendingProvider.of("office-relay", "smtp")
                .withSpfInclude("include:spf.office.example")
                .withDkimSelectors(List.of("office"));

        DoctorReport report =
                check(Zones.HEALTHY + "office._domainkey.example.com. 3600 IN TXT \"p=" + Zones.KEY + "\"\n", relay);

        Check spf = find(report, "office-relay", CheckKind.SPF);
        assertThat(spf.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(spf.fix())
                .containsExactly(
                        "example.com. 3600 IN TXT \"v=spf1 include:sendgrid.net include:mailgun.org include:spf.office.example ~all\"");
        assertThat(find(report, "office-relay", CheckKind.DKIM).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void sesSelectorsFromConfigurationAreCheckedAsEasyDkimCnames() {
        SendingProvider ses = SendingProvider.of("ses", "ses").withDkimSelectors(List.of("tok1", "tok2", "tok3"));

        DoctorReport report = check(
                Zones.healthyReplacing(
                                "example.com. 3600 IN TXT \"v=spf1",
                                "example.com. 3600 IN TXT \"v=spf1 include:amazonses.com ~all\"",
                                "amazonses.com. 3600 IN TXT \"v=spf1 ip4:199.255.192.0/22 ~all\"")
                        + """
                        tok1._domainkey.example.com. 3600 IN CNAME tok1.dkim.amazonses.com.
                        tok1.dkim.amazonses.com. 3600 IN TXT "p=%1$s"
                        tok2._domainkey.example.com. 3600 IN CNAME tok2.dkim.amazonses.com.
                        tok2.dkim.amazonses.com. 3600 IN TXT "p=%1$s"
                        """.formatted(Zones.KEY),
                ses);

        Check dkim = find(report, "ses", CheckKind.DKIM);
        assertThat(dkim.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dkim.reason()).isEqualTo("tok3._domainkey.example.com: no DKIM record (NXDOMAIN)");
        assertThat(dkim.fix()).contains("tok3._domainkey.example.com. 3600 IN CNAME tok3.dkim.amazonses.com.");
        assertThat(find(report, "ses", CheckKind.SPF).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void resendIsAuthorisedOnTheSendSubdomainWithItsOwnSelector() {
        SendingProvider resend = SendingProvider.of("resend", "resend");
        String published = Zones.HEALTHY + """
                send.example.com. 3600 IN TXT "v=spf1 include:amazonses.com ~all"
                amazonses.com. 3600 IN TXT "v=spf1 ip4:199.255.192.0/22 ~all"
                resend._domainkey.example.com. 3600 IN TXT "p=%s"
                """.formatted(Zones.KEY);

        DoctorReport passing = check(published, resend);
        DoctorReport missing = check(Zones.HEALTHY, resend);

        assertThat(find(passing, "resend", CheckKind.SPF).reason())
                .isEqualTo("send.example.com includes amazonses.com");
        assertThat(find(passing, "resend", CheckKind.DKIM).status()).isEqualTo(CheckStatus.PASS);
        Check spf = find(missing, "resend", CheckKind.SPF);
        assertThat(spf.reason())
                .isEqualTo("no SPF record (TXT \"v=spf1 …\") at send.example.com, so amazonses.com is not authorised");
        assertThat(spf.fix()).containsExactly("send.example.com. 3600 IN TXT \"v=spf1 include:amazonses.com ~all\"");
    }

    @Test
    void postmarkIsAuthorisedByItsReturnPathCname() {
        SendingProvider postmark = SendingProvider.of("postmark", "postmark");

        DoctorReport withReturnPath =
                check(Zones.HEALTHY + "pm-bounces.example.com. 3600 IN CNAME pm.mtasv.net.\n", postmark);
        DoctorReport without = check(Zones.HEALTHY, postmark);

        assertThat(find(withReturnPath, "postmark", CheckKind.SPF).reason())
                .isEqualTo(
                        "Return-Path pm-bounces.example.com is a CNAME to pm.mtasv.net (Postmark's SPF is checked there)");
        Check spf = find(without, "postmark", CheckKind.SPF);
        assertThat(spf.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(spf.fix()).contains("pm-bounces.example.com. 3600 IN CNAME pm.mtasv.net.");
        assertThat(find(without, "postmark", CheckKind.DKIM).status()).isEqualTo(CheckStatus.UNCHECKED);
    }
}
