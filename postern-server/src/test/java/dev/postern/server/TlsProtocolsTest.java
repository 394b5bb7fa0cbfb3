package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.server.tls.Tls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API over HTTPS ({@code server.http.https: true}) and SMTP STARTTLS speak TLS 1.3 and 1.2
 * only. A TLS 1.1 client is refused; this JDK will not even offer TLS 1.1 (its {@code
 * jdk.tls.disabledAlgorithms}), so the listeners' own protocol lists are asserted as well, which
 * hold whatever a JDK's policy would allow.
 */
class TlsProtocolsTest {
    @TempDir
    static Path dir;

    static TestGateway gw;
    static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        gw = new TestGateway(dir, TestGateway.DEFAULT_SINKS, "https: true", "");
        trusting = trusting(TestGateway.testResource("tls/relay-test.crt"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void theApiIsServedOverHttps() throws Exception {
        URI url = gw.gateway.httpUrl();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).build();

        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(url.resolve("/v1/messages"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + SEND_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(message("a@shop.example", "b@example.com")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(answer.statusCode()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void httpsAndStartTlsAcceptModernVersions(String protocol) throws Exception {
        try (SSLSocket https = handshake(plain(gw.gateway.httpUrl().getPort()), protocol)) {
            assertThat(https.getSession().getProtocol()).isEqualTo(protocol);
            https.getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(https.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200");
        }
        try (SSLSocket smtp = handshake(startTls(), protocol)) {
            assertThat(smtp.getSession().getProtocol()).isEqualTo(protocol);
            smtp.getOutputStream().write("EHLO app.example\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine())
                    .startsWith("250");
        }
    }

    @Test
    void aTls11ClientIsRefusedByBoth() throws Exception {
        assertThatThrownBy(() -> handshake(plain(gw.gateway.httpUrl().getPort()), "TLSv1.1"))
                .isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> handshake(startTls(), "TLSv1.1")).isInstanceOf(SSLException.class);
    }

    @Test
    void startTlsEnablesOnlyTls13And12WhateverTheJdkAllows() throws Exception {
        SSLContext server = Tls.serverContext(new dev.postern.server.tls.TlsFiles(
                TestGateway.testResource("tls/relay-test.crt"), TestGateway.testResource("tls/relay-test.key")));
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket accepted = listener.accept();
                SSLSocket tls = Tls.serverSocket(server, accepted)) {
            assertThat(client.isConnected()).isTrue();
            assertThat(tls.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        }
    }

    private static Socket plain(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        return s;
    }

    /** A plain SMTP connection to the gateway's relay, up to its 220 answer to STARTTLS. */
    private static Socket startTls() throws IOException {
        Socket s = plain(gw.gateway.smtpPort());
        InputStream in = s.getInputStream();
        assertThat(line(in)).startsWith("220");
        s.getOutputStream().write("EHLO app.example\r\n".getBytes(StandardCharsets.US_ASCII));
        String reply;
        do {
            reply = line(in);
        } while (reply.charAt(3) == '-');
        s.getOutputStream().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(line(in)).startsWith("220");
        return s;
    }

    /** One line read byte by byte, so nothing of the TLS handshake is buffered away. */
    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            s.append((char) b);
        }
        return s.toString().strip();
    }

    private static SSLSocket handshake(Socket plain, String protocol) throws IOException {
        SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
        tls.setEnabledProtocols(new String[] {protocol});
        try {
            tls.startHandshake();
        } catch (IOException e) {
            tls.close();
            throw e;
        }
        return tls;
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry(
                    "postern", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
