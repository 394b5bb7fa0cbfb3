package dev.postern.doctor;

import static dev.postern.doctor.DnsDoctorTest.SENDGRID;
import static dev.postern.doctor.DnsDoctorTest.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Before judging the domain the doctor asks for a name that must exist (the root's name servers):
 * a resolver that cannot see the internet's DNS is named in words, and no check is judged by it.
 */
class ResolverReachTest {
    private final LoopbackDns dns = LoopbackDns.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    DoctorReport check(String resolver) {
        return DnsDoctor.check(DoctorRequest.of("example.com", List.of(SENDGRID))
                .withResolver(resolver)
                .withTimeout(DnsDoctorTest.TIMEOUT));
    }

    @Test
    void resolverThatSaysNoNameExistsIsNamedInsteadOfFailingTheDomain() {
        dns.serve(Zones.HEALTHY).blind();

        DoctorReport report = check(dns.address());

        String why = "the DNS resolver " + dns.address() + " says no name exists, not even the DNS root:"
                + " it cannot see the internet's DNS (a sandboxed or captive network?);"
                + " run postern doctor dns where production resolves names, or pass --resolver";
        assertThat(report.checks()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.UNCHECKED);
            assertThat(c.reason()).isEqualTo("not checked: " + why);
        });
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(dns.queries()).isEqualTo(1);
        assertThat(report.toTable())
                .isEqualTo("DNS doctor for example.com: nothing could be checked\nnot checked: " + why + "\n");
    }

    @Test
    void domainWithoutRecordsFailsWhenTheResolverSeesTheRoot() {
        dns.serve("");

        DoctorReport report = check(dns.address());

        assertThat(find(report, "domain", CheckKind.SPF).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(find(report, "domain", CheckKind.DMARC).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(find(report, "domain", CheckKind.MX).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void resolverThatDoesNotAnswerIsSaidInWordsAndAskedOnce() {
        dns.silent();

        DoctorReport report = check(dns.address());

        assertThat(report.checks())
                .allSatisfy(c -> assertThat(c.reason())
                        .isEqualTo("not checked: the DNS resolver " + dns.address() + " did not answer within 500 ms"));
        assertThat(dns.queries()).isEqualTo(1);
    }

    @Test
    void portWhereNothingListensIsSaidInWords() throws IOException {
        int port;
        try (DatagramSocket closed = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = closed.getLocalPort();
        }

        DoctorReport report = check("127.0.0.1:" + port);

        assertThat(report.checks()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.UNCHECKED);
            assertThat(c.reason())
                    .isEqualTo("not checked: nothing answers DNS at 127.0.0.1:" + port + " (the port is closed)");
        });
    }
}
