package dev.postern.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.error.PosternException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    @TempDir
    Path dir;

    @Test
    void ecAndRsaPemPairsLoadIntoAServerContext() throws Exception {
        assertThat(Tls.serverContext(new TlsFiles(resource("relay-test.crt"), resource("relay-test.key"))))
                .isNotNull();
        assertThat(Tls.serverContext(new TlsFiles(resource("relay-test-rsa.crt"), resource("relay-test-rsa.key"))))
                .isNotNull();
    }

    @Test
    void traditionalKeyFormatIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path pkcs1 = Files.writeString(
                dir.resolve("tls.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Tls.serverContext(new TlsFiles(resource("relay-test-rsa.crt"), pkcs1)))
                .isInstanceOf(PosternException.class)
                .hasMessageContaining("tls.key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void keyThatDoesNotBelongToTheCertificateIsNamed() throws Exception {
        assertThatThrownBy(() ->
                        Tls.serverContext(new TlsFiles(resource("relay-test.crt"), resource("relay-test-rsa.key"))))
                .isInstanceOf(PosternException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void missingCertificateFileIsNamed() {
        Path missing = dir.resolve("missing.crt");

        assertThatThrownBy(() -> Tls.serverContext(new TlsFiles(missing, resource("relay-test.key"))))
                .hasMessageContaining("tls.cert: cannot read " + missing);
    }

    private static Path resource(String name) throws Exception {
        return Path.of(TlsTest.class.getClassLoader().getResource("tls/" + name).toURI());
    }
}
