package dev.postern.sim.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The simulator's STARTTLS identity: a self-signed certificate for {@code localhost} and {@code
 * 127.0.0.1} from {@code smtp/simulator-tls.p12} (see the README beside it). The JDK has no public
 * API to make a certificate at run time, so the key pair ships as a test fixture.
 */
final class SimulatorTls {
    private static final char[] PASSWORD = "postern-sim".toCharArray();

    private final SSLContext context;
    private final X509Certificate certificate;

    private SimulatorTls(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    static SimulatorTls load() {
        try (InputStream in = SimulatorTls.class.getResourceAsStream("/smtp/simulator-tls.p12")) {
            if (in == null) {
                throw new IllegalStateException("smtp/simulator-tls.p12 is missing from the classpath");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new SimulatorTls(context, (X509Certificate) store.getCertificate("simulator"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the simulator's TLS key", e);
        }
    }

    SSLContext context() {
        return context;
    }

    /** The certificate in PEM, for clients that should trust exactly this server. */
    String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
