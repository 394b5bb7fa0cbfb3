package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigReport;
import dev.postern.server.config.GatewayConfig;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
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
    void everyProviderTypeWithItsWebhookKeySetPrintsItsUrlAndNoneWithout() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String sendGridKey = Base64.getEncoder()
                .encodeToString(ec.generateKeyPair().getPublic().getEncoded());
        String yaml = """
                server: { public_url: https://mail.example.com }
                providers:
                  - { name: sg, type: sendgrid, api_key: k, webhook: { key: "%s" } }
                  - { name: sg-quiet, type: sendgrid, api_key: k }
                  - { name: mg, type: mailgun, api_key: k, domain: mg.example.com, webhook: { key: signing } }
                  - { name: mg-quiet, type: mailgun, api_key: k, domain: mg.example.com }
                  - { name: pm, type: postmark, api_key: k, webhook: { user: postern, password: pw-1234567 } }
                  - { name: pm-quiet, type: postmark, api_key: k }
                  - { name: rs, type: resend, api_key: k, webhook: { key: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw } }
                  - { name: rs-quiet, type: resend, api_key: k }
                  - name: ses
                    type: ses
                    region: eu-west-1
                    access_key_id: AKIAIOSFODNN7EXAMPLE
                    secret_access_key: s
                    webhook: { topic_arn: "arn:aws:sns:eu-west-1:123456789012:ses-events" }
                  - { name: ses-quiet, type: ses, region: eu-west-1, access_key_id: AKIAIOSFODNN7EXAMPLE, secret_access_key: s }
                  - { name: app, type: http, url: "https://app.example.com/send", webhook: { key: app-secret } }
                  - { name: app-quiet, type: http, url: "https://app.example.com/send" }
                  - { name: relay, type: smtp, host: smtp.example.com, port: 587, tls: starttls }
                """.formatted(sendGridKey);

        ConfigReport report = ConfigLoader.parse(yaml, n -> null);

        assertThat(report.problems()).isEmpty();
        assertThat(report.webhookUrls())
                .containsExactly(
                        Map.entry("sg", "https://mail.example.com/v1/webhooks/sg"),
                        Map.entry("mg", "https://mail.example.com/v1/webhooks/mg"),
                        Map.entry("pm", "https://mail.example.com/v1/webhooks/pm"),
                        Map.entry("rs", "https://mail.example.com/v1/webhooks/rs"),
                        Map.entry("ses", "https://mail.example.com/v1/webhooks/ses"),
                        Map.entry("app", "https://mail.example.com/v1/webhooks/app"));
        // what config check prints is what serve routes: each URL's provider has a verifier
        report.orThrow()
                .providers()
                .forEach(p -> assertThat(p.adapter().create().eventWebhook().isPresent())
                        .as(p.name())
                        .isEqualTo(report.webhookUrls().containsKey(p.name())));
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

    @Test
    void aWebhookKeyWithoutAPublicUrlIsWarnedNamingThePlaceholder() {
        ConfigReport report = ConfigLoader.parse("""
                providers:
                  - { name: app, type: http, url: "https://app.example.com/send", webhook: { key: s } }
                  - { name: relay, type: smtp, host: smtp.example.com, port: 587, tls: starttls }
                """, n -> null);

        assertThat(report.warnings())
                .anySatisfy(
                        w -> assertThat(w).contains("server.public_url").contains(ConfigReport.PUBLIC_URL_PLACEHOLDER));
    }

    @Test
    void anOutboundWebhookWithoutAnyProviderWebhookKeyIsWarnedThatNoEventWillArrive() {
        String yaml = """
                server: { public_url: https://mail.example.com }
                events: { webhook: { url: "https://app.example.com/hooks", secret: s3cret-s3cret } }
                providers:
                  - { name: app, type: http, url: "https://app.example.com/send"%s }
                  - { name: relay, type: smtp, host: smtp.example.com, port: 587, tls: starttls }
                """;

        assertThat(ConfigLoader.parse(yaml.formatted(""), n -> null).warnings())
                .anySatisfy(w -> assertThat(w).contains("events.webhook").contains("webhook key"));
        assertThat(ConfigLoader.parse(yaml.formatted(", webhook: { key: s }"), n -> null)
                        .warnings())
                .noneSatisfy(w -> assertThat(w).contains("events.webhook"))
                .noneSatisfy(w -> assertThat(w).contains("public_url"));
    }
}
