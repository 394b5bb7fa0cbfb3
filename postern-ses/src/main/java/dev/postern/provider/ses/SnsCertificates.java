package dev.postern.provider.ses;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Amazon SNS webhook gets the certificates that sign SNS messages, and which URLs it
 * takes for SNS's own. Production uses {@link #aws}: only {@code https://sns.<region>.amazonaws.com}
 * (the topic's region), certificates fetched with a timeout, cached by URL and checked against the
 * JDK's trust store. Tests and simulators, which sign with a key pair made for the test, use {@link
 * #trusting}.
 *
 * <p>Implementations are thread-safe. What is not SNS's, not trusted or refused is empty; what
 * cannot be fetched now throws {@link CertificateUnreachableException}, so that a genuine message
 * is retried rather than refused.
 */
public interface SnsCertificates {

    /** Whether {@code url} belongs to SNS: a {@code SigningCertURL} to fetch, a {@code SubscribeURL} to visit. */
    boolean isSnsUrl(URI url);

    /**
     * The trusted, unexpired certificate at {@code url} (one {@link #isSnsUrl}), or empty when it is
     * not SNS's, not trusted, expired, or refused (a 4xx answer, an oversized body).
     *
     * @throws CertificateUnreachableException when it cannot be fetched now: no connection, a
     *     timeout, a 5xx or 429 answer, an interrupt
     */
    Optional<X509Certificate> certificate(URI url);

    /**
     * SNS in {@code region} ({@code eu-west-1}; China regions under {@code amazonaws.com.cn}), each
     * certificate fetched within {@code timeout} and kept until it expires.
     */
    static SnsCertificates aws(String region, Duration timeout, Clock clock) {
        return new AwsSnsCertificates(region, timeout, clock);
    }

    /**
     * Exactly {@code certificates}, by URL, and no others; a URL on the host and port of one of
     * them counts as SNS's. For tests and simulators only: it checks no chain of trust.
     */
    static SnsCertificates trusting(Map<URI, X509Certificate> certificates) {
        Map<URI, X509Certificate> copy = Map.copyOf(certificates);
        return new SnsCertificates() {
            @Override
            public boolean isSnsUrl(URI url) {
                return copy.keySet().stream()
                        .anyMatch(known -> Objects.equals(known.getScheme(), url.getScheme())
                                && Objects.equals(known.getHost(), url.getHost())
                                && known.getPort() == url.getPort());
            }

            @Override
            public Optional<X509Certificate> certificate(URI url) {
                return Optional.ofNullable(copy.get(url));
            }
        };
    }
}
