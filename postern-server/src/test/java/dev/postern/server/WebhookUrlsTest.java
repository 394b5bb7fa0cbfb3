package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigReport;
import dev.postern.server.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery-event webhook URLs {@code postern config check} prints, one per provider with a webhook key. */
class WebhookUrlsTest {
    private static final String YAML = """
            server:
              %s
            providers:
              - { name: primary, type: emailr, api_key: k }
              - { name: backup, type: emailr, api_key: k }
            """;

    private static ConfigReport report(String server, boolean webhooks) {
        GatewayConfig config =
                ConfigLoader.parse(YAML.formatted(server), n -> null).orThrow();
        return new ConfigReport(
                Optional.of(webhooks ? TokenWebhooks.on(config) : config), List.of(), List.of(), List.of());
    }

    @Test
    void eachProviderWithAWebhookKeyGetsItsUrlOnThePublicUrl() {
        assertThat(report("public_url: https://mail.example.com/", true).webhookUrls())
                .containsExactly(
                        Map.entry("primary", "https://mail.example.com/v1/webhooks/primary"),
                        Map.entry("backup", "https://mail.example.com/v1/webhooks/backup"));
    }

    @Test
    void withoutAPublicUrlTheUrlsShowAPlaceholder() {
        assertThat(report("http: { listen: 127.0.0.1:8025 }", true).webhookUrls())
                .containsEntry("primary", "<server.public_url>/v1/webhooks/primary");
    }

    @Test
    void providersWithoutAWebhookKeyGetNoUrl() {
        assertThat(report("public_url: https://mail.example.com", false).webhookUrls())
                .isEmpty();
    }
}
