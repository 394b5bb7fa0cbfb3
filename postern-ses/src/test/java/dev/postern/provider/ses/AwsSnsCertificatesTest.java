package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production rules, without the network: which URLs are SNS's, and which certificates are trusted. */
class AwsSnsCertificatesTest {
    private final AwsSnsCertificates certificates =
            new AwsSnsCertificates("eu-west-1", Duration.ofSeconds(2), Clock.systemUTC());

    @Test
    void onlyHttpsOnTheTopicsSnsHostIsSns() {
        assertThat(certificates.isSnsUrl(
                        URI.create("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem")))
                .isTrue();
        assertThat(List.of(
                        "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem",
                        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem",
                        "https://sns.eu-west-1.amazonaws.com.attacker.example/x.pem",
                        "https://attacker.example/sns.eu-west-1.amazonaws.com/x.pem",
                        "https://user@sns.eu-west-1.amazonaws.com/x.pem",
                        "https://sns.eu-west-1.amazonaws.com:8443/x.pem"))
                .noneMatch(url -> certificates.isSnsUrl(URI.create(url)));
    }

    @Test
    void chinaRegionsAreServedFromAmazonawsComCn() {
        AwsSnsCertificates china = new AwsSnsCertificates("cn-north-1", Duration.ofSeconds(2), Clock.systemUTC());

        assertThat(china.isSnsUrl(URI.create("https://sns.cn-north-1.amazonaws.com.cn/x.pem")))
                .isTrue();
    }

    @Test
    void aUrlOutsideSnsIsNeverFetched() {
        assertThat(certificates.certificate(URI.create("https://127.0.0.1:1/x.pem")))
                .isEmpty();
    }

    @Test
    void aSelfSignedCertificateIsNotTrusted() throws Exception {
        TestSnsSigner signer = TestSnsSigner.create();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(signer.certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";

        assertThat(certificates.trusted(pem.getBytes(StandardCharsets.US_ASCII), List.of()))
                .isEmpty();
    }
}
