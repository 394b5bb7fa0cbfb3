package dev.postern.server.http;

import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.HttpConfig;
import dev.postern.server.tls.Tls;
import dev.postern.server.tls.TlsFiles;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The API's one listener: plain HTTP, or HTTPS with {@code server.tls}'s certificate and TLS 1.2/1.3
 * only ({@link Tls#PROTOCOLS}). Its idle timeout closes a connection that sends nothing for {@code
 * server.http.idle_timeout}, mid-headers or mid-body, so slow clients cannot hold the API; Jetty
 * waits for their bytes without a thread, and answers 431 to headers over 8 KiB.
 */
final class Listener {
    private Listener() {}

    static Connector create(Server server, HttpConfiguration http, GatewayConfig config) {
        HttpConfig c = config.http();
        ServerConnector connector;
        if (c.https()) {
            TlsFiles files = config.smtp()
                    .tls()
                    .orElseThrow(() -> new IllegalStateException("server.http.https needs server.tls"));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(Tls.serverContext(files));
            tls.setIncludeProtocols(Tls.PROTOCOLS.toArray(String[]::new));
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // one certificate, no virtual hosts: any Host header is ours
            http.addCustomizer(secure);
            connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(c.listen().host());
        connector.setPort(c.listen().port());
        connector.setIdleTimeout(c.idleTimeout().toMillis());
        return connector;
    }
}
