package dev.postern.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpWebhookConfigTest {
    private static final URI URL = URI.create("https://mail.internal.example/v1/messages?token=s3cr3t");

    @Test
    void defaultsAreBearerAuthorizationAndDefaultTimeouts() {
        HttpWebhookConfig config = HttpWebhookConfig.of(URL, new Secret("k-123456"));

        assertThat(config.authHeader()).isEqualTo("Authorization");
        assertThat(config.timeouts()).isEqualTo(Timeouts.DEFAULTS);
    }

    @Test
    void itsDescriptionShowsNeitherTheKeyNorTheUrlsQuery() {
        String shown = HttpWebhookConfig.of(URL, new Secret("k-123456")).toString();

        assertThat(shown).doesNotContain("k-123456").doesNotContain("s3cr3t").contains("mail.internal.example");
    }

    @Test
    void invalidValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> HttpWebhookConfig.of(URI.create("/v1/messages"), null))
                .hasMessageStartingWith("url must be an absolute http(s) URL");
        assertThatThrownBy(() -> HttpWebhookConfig.of(URL, null).withHealthUrl(URI.create("ftp://x.example/")))
                .hasMessageStartingWith("health_url must be an absolute http(s) URL");
        assertThatThrownBy(() -> HttpWebhookConfig.of(URL, null).withAuthHeader("X Api Key"))
                .hasMessageStartingWith("auth_header must be an HTTP header name");
    }
}
