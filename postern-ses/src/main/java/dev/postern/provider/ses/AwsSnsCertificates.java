package dev.postern.provider.ses;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS's signing certificates, as AWS says to get them ("Verifying the signatures of Amazon SNS
 * messages"): only over HTTPS from {@code sns.<region>.amazonaws.com}, and only a certificate
 * whose chain leads to a root of the JDK's default trust store and that has not expired.
 *
 * <p>The chain is built from the certificates in the fetched file plus those the HTTPS server
 * presented (the file may hold the signing certificate alone, and the JDK fetches no missing
 * intermediates), with revocation not checked: it would be another network call per certificate.
 * Certificates are cached by URL (at most {@link #MAX_CACHED}) until they expire; SNS rotates them
 * rarely and names each by its own URL.
 */
final class AwsSnsCertificates implements SnsCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(AwsSnsCertificates.class);
    /** A PEM certificate chain is a few kilobytes. */
    static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    static final int MAX_CACHED = 32;

    private final String host;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    AwsSnsCertificates(String region, Duration timeout, Clock clock) {
        this.host = "sns." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
        this.timeout = timeout;
        this.clock = clock;
        // the default SSLContext: the server is checked against the JDK's trust store and host name
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean isSnsUrl(URI url) {
        return "https".equals(url.getScheme())
                && url.getRawUserInfo() == null
                && (url.getPort() == -1 || url.getPort() == 443)
                && url.getHost() != null
                && url.getHost().toLowerCase(Locale.ROOT).equals(host);
    }

    @Override
    public Optional<X509Certificate> certificate(URI url) {
        if (!isSnsUrl(url)) {
            return Optional.empty();
        }
        X509Certificate cached = cache.get(url);
        if (cached != null && unexpired(cached)) {
            return Optional.of(cached);
        }
        Optional<X509Certificate> fetched = fetch(url);
        fetched.ifPresent(certificate -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear(); // crude, but bounded; a real SNS deployment uses one or two URLs
            }
            cache.put(url, certificate);
        });
        return fetched;
    }

    private Optional<X509Certificate> fetch(URI url) {
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_CERTIFICATE_BYTES + 1);
            }
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                throw new CertificateUnreachableException(url, "answered " + response.statusCode());
            }
            if (response.statusCode() != 200 || body.length > MAX_CERTIFICATE_BYTES) {
                LOG.warn("SNS signing certificate {} answered {} ({} bytes)", url, response.statusCode(), body.length);
                return Optional.empty();
            }
            List<X509Certificate> intermediates = new ArrayList<>();
            response.sslSession().ifPresent(session -> {
                try {
                    for (Certificate c : session.getPeerCertificates()) {
                        intermediates.add((X509Certificate) c);
                    }
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    // no peer chain: the file must carry its own
                }
            });
            return trusted(body, intermediates);
        } catch (IOException e) {
            // a network failure proves nothing about the message: SNS is asked to retry it
            LOG.warn("cannot fetch SNS signing certificate {}: {}", url, e.toString());
            throw new CertificateUnreachableException(url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateUnreachableException(url, "interrupted");
        }
    }

    /** The first certificate of {@code pem}, when a path from it to a default trust anchor is valid now. */
    Optional<X509Certificate> trusted(byte[] pem, List<X509Certificate> intermediates) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c :
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                return Optional.empty();
            }
            X509Certificate leaf = certificates.get(0);
            certificates.addAll(intermediates);
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(defaultTrustStore(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            parameters.addCertStore(
                    CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return Optional.of(leaf);
        } catch (GeneralSecurityException e) {
            LOG.warn("SNS signing certificate is not trusted: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private boolean unexpired(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isAfter(clock.instant());
    }

    /** The JDK's default trust store (cacerts, or what javax.net.ssl.trustStore names). */
    private static KeyStore defaultTrustStore() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            anchors.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate anchor : x509.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("anchor-" + i++, anchor);
                }
            }
        }
        return anchors;
    }
}
