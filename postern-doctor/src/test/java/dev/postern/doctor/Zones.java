package dev.postern.doctor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A correct zone for example.com sending through SendGrid and Mailgun, and ways to break it. */
final class Zones {
    static final String KEY =
            "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY/neDgaL2oqQE8T5illKqCgDtFHc8eHVAU+nlcaGmrKmDMw9dbgiGk1ocgZ56NR4ycfUHwQhvQPMUZw0cveel/8EAGoi/UyPmqfcPibytH81NFtTMAxUeM4Op8A6iHkvAMj5qLf4YRNsTkKAV5nvKMEQIDAQAB";

    static final String HEALTHY = """
            example.com. 3600 IN TXT "v=spf1 include:sendgrid.net include:mailgun.org ~all"
            example.com. 3600 IN TXT "google-site-verification=abc123"
            sendgrid.net. 3600 IN TXT "v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ~all"
            mailgun.org. 3600 IN TXT "v=spf1 include:_spf.mailgun.org ~all"
            _spf.mailgun.org. 3600 IN TXT "v=spf1 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ~all"
            s1._domainkey.example.com. 3600 IN CNAME s1.domainkey.u42.wl7.sendgrid.net.
            s2._domainkey.example.com. 3600 IN CNAME s2.domainkey.u42.wl7.sendgrid.net.
            s1.domainkey.u42.wl7.sendgrid.net. 3600 IN TXT "k=rsa; p=%1$s"
            s2.domainkey.u42.wl7.sendgrid.net. 3600 IN TXT "v=DKIM1; k=rsa; p=%1$s"
            mta._domainkey.example.com. 3600 IN TXT "v=DKIM1; k=rsa; p=%1$s"
            _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
            example.com. 3600 IN MX 10 mx1.example.com.
            example.com. 3600 IN MX 20 mx2.example.com.
            mx1.example.com. 3600 IN A 192.0.2.1
            mx2.example.com. 3600 IN AAAA 2001:db8::2
            """.formatted(KEY);

    private Zones() {}

    /** The healthy zone without the lines that start with any of {@code prefixes}. */
    static String healthyWithout(String... prefixes) {
        return HEALTHY.lines()
                        .filter(line -> Arrays.stream(prefixes).noneMatch(line::startsWith))
                        .collect(Collectors.joining("\n"))
                + "\n";
    }

    /** The healthy zone without the lines starting with {@code prefix}, plus {@code lines}. */
    static String healthyReplacing(String prefix, String... lines) {
        return healthyWithout(prefix) + String.join("\n", lines) + "\n";
    }
}
