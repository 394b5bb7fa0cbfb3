package dev.postern.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.GatewayConfig;
import java.nio.file.Path;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

class ListenerTest {
    @Test
    void httpsSelectsOnlyTls13And12WhateverTheJdkAllowsAndClosesIdleConnections() throws Exception {
        GatewayConfig config = ConfigLoader.parse(
                        """
                        server:
                          http: { listen: 127.0.0.1:0, https: true, idle_timeout: 2s }
                          tls: { cert: %s, key: %s }
                        store: sqlite:./p.db
                        providers:
                          - { name: only, type: emailr, api_key: k }
                        """.formatted(resource("tls/relay-test.crt"), resource("tls/relay-test.key")), n -> null)
                .orThrow();

        ServerConnector connector = (ServerConnector) Listener.create(new Server(), new HttpConfiguration(), config);
        SslContextFactory.Server tls =
                connector.getConnectionFactory(SslConnectionFactory.class).getSslContextFactory();
        tls.start();
        try {
            assertThat(tls.getSelectedProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(connector.getIdleTimeout()).isEqualTo(2000);
        } finally {
            tls.stop();
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ListenerTest.class.getClassLoader().getResource(name).toURI());
    }
}
