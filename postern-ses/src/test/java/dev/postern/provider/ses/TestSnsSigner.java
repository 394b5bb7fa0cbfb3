package dev.postern.provider.ses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signs SNS messages as SNS does, with a key pair and self-signed certificate made for the test run
 * by the JDK's own {@code keytool} (the JDK has no public API to make a certificate in-process).
 */
final class TestSnsSigner {
    static final URI CERT_URL = URI.create("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "test-only".toCharArray();

    final PrivateKey key;
    final X509Certificate certificate;

    private TestSnsSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    static TestSnsSigner create() {
        try {
            Path dir = Files.createTempDirectory("sns-signer");
            Path store = dir.resolve("sns.p12");
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "sns",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-dname",
                            "CN=sns.amazonaws.com",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            new String(PASSWORD),
                            "-keypass",
                            new String(PASSWORD))
                    .redirectErrorStream(true)
                    .start();
            keytool.getInputStream().readAllBytes();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a test certificate");
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            Files.delete(store);
            Files.delete(dir);
            return new TestSnsSigner(
                    (PrivateKey) keys.getKey("sns", PASSWORD), (X509Certificate) keys.getCertificate("sns"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    SnsCertificates certificates() {
        return SnsCertificates.trusting(Map.of(CERT_URL, certificate));
    }

    /** {@code envelope} with SigningCertURL, SignatureVersion and Signature added, as JSON bytes. */
    byte[] sign(ObjectNode envelope, String version) {
        envelope.put("SignatureVersion", version);
        envelope.put("SigningCertURL", CERT_URL.toString());
        // the string to sign, written out here from AWS's documentation rather than taken from the code under test
        String[] fields = envelope.path("Type").asText().equals("Notification")
                ? new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
                : new String[] {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            if (envelope.has(field)) {
                text.append(field)
                        .append('\n')
                        .append(envelope.get(field).asText())
                        .append('\n');
            }
        }
        try {
            Signature signature = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(text.toString().getBytes(StandardCharsets.UTF_8));
            envelope.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            return JSON.writeValueAsBytes(envelope);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
