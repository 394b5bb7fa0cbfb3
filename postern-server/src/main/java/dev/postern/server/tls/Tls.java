package dev.postern.server.tls;

import dev.postern.error.PosternException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Loads a server's TLS identity from PEM files with the JDK alone: the certificate chain through
 * {@link CertificateFactory}, the PKCS#8 key through {@link KeyFactory} (RSA, then EC), both into
 * a key store that lives only in memory.
 */
public final class Tls {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] IN_MEMORY = new char[0];

    /**
     * The only protocol versions Postern's listeners (HTTPS and SMTP STARTTLS) enable: TLS 1.0 and
     * 1.1 are broken (RFC 8996), whatever the JDK's own policy would allow.
     */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private Tls() {}

    /**
     * The server side of TLS over an accepted connection (STARTTLS), with only {@link #PROTOCOLS}
     * enabled.
     */
    public static SSLSocket serverSocket(SSLContext context, Socket plain) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) plain.getRemoteSocketAddress();
        SSLSocket socket = (SSLSocket)
                context.getSocketFactory().createSocket(plain, remote.getHostString(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
        return socket;
    }

    /**
     * An {@link SSLContext} presenting {@code files}' certificate chain and key.
     *
     * @throws PosternException naming the file and what is wrong with it
     */
    public static SSLContext serverContext(TlsFiles files) {
        List<Certificate> chain = certificates(files.cert());
        PrivateKey key = privateKey(files.key());
        if (!belongTogether(key, chain.getFirst())) {
            throw new PosternException("tls: the key in " + files.key() + " does not belong to the certificate in "
                    + files.cert() + " (the server's certificate must come first in the chain)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // e.g. a key that does not belong to the certificate
            throw new PosternException(
                    "tls: cannot use " + files.key() + " with " + files.cert() + ": " + e.getMessage(), e);
        }
    }

    /** Signs a probe with the key and verifies it with the certificate: the key store does not check. */
    private static boolean belongTogether(PrivateKey key, Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "postern".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an EC key against an RSA certificate
        }
    }

    private static List<Certificate> certificates(Path file) {
        byte[] pem = read(file, "tls.cert");
        try {
            List<Certificate> chain = List.copyOf(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)));
            if (chain.isEmpty()) {
                throw new PosternException("tls.cert: " + file + " holds no PEM certificate");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new PosternException("tls.cert: " + file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem = new String(read(file, "tls.key"), StandardCharsets.US_ASCII);
        Matcher matcher = PRIVATE_KEY.matcher(pem);
        if (!matcher.find()) {
            throw new PosternException("tls.key: " + file + " must hold an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)"
                    + "; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm; try the next
            } catch (GeneralSecurityException e) {
                throw new PosternException("tls.key: this JDK cannot read " + algorithm + " keys", e);
            }
        }
        throw new PosternException("tls.key: " + file + " is neither an RSA nor an EC PKCS#8 key");
    }

    private static byte[] read(Path file, String field) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PosternException(field + ": cannot read " + file + ": " + e, e);
        }
    }
}
