package dev.postern.provider.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context for one relay: the JDK's trusted CAs, plus {@code trust_certificate} if set, or
 * (UNSAFE, loopback only, checked by {@link SmtpConfig}) no checks at all for {@code trust_all}.
 */
final class TrustMaterial {
    private TrustMaterial() {}

    static SSLContext context(SmtpConfig config) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(config), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("trust_certificate cannot be used: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(SmtpConfig config) throws GeneralSecurityException, IOException {
        if (config.trustAll()) {
            return new TrustManager[] {new TrustEverything()};
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (config.trustCertificate() == null) {
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate certificate : jdkAuthorities()) {
            store.setCertificateEntry("jdk-" + i++, certificate);
        }
        for (X509Certificate certificate : read(config.trustCertificate())) {
            store.setCertificateEntry("configured-" + i++, certificate);
        }
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static List<X509Certificate> read(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in " + file);
            }
            return certificates;
        }
    }

    private static List<X509Certificate> jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> all = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                all.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return all;
    }

    /** Accepts any certificate chain: for {@code trust_all} against loopback test servers only. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
