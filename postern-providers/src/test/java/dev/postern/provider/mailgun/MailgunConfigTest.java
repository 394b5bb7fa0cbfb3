package dev.postern.provider.mailgun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.provider.transport.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MailgunConfigTest {
    private static final Secret KEY = new Secret("key-1");

    @Test
    void theRegionChoosesTheEndpointUnlessBaseUrlOverridesIt() {
        assertThat(MailgunConfig.of("k", "mg.example.com", null).baseUrl())
                .isEqualTo(URI.create("https://api.mailgun.net"));
        assertThat(MailgunConfig.of("k", "mg.example.com", MailgunConfig.Region.parse("EU"))
                        .baseUrl())
                .isEqualTo(URI.create("https://api.eu.mailgun.net"));
        assertThat(new MailgunConfig(
                                KEY, "mg.example.com", MailgunConfig.Region.EU, URI.create("http://127.0.0.1:9/"), null)
                        .baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9"));
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertThatThrownBy(() -> MailgunConfig.Region.parse("asia"))
                .hasMessage("region must be us or eu, but was 'asia'");
        assertThatThrownBy(() -> new MailgunConfig(null, "mg.example.com", null, null, null))
                .hasMessage("api_key must not be blank");
        assertThatThrownBy(() -> new MailgunConfig(KEY, " ", null, null, null)).hasMessage("domain must not be blank");
        assertThatThrownBy(() -> new MailgunConfig(KEY, "mg.example.com/x", null, null, null))
                .hasMessageStartingWith("domain must be a host name");
        assertThatThrownBy(() -> new MailgunConfig(KEY, "mg.example.com", null, URI.create("/relative"), null))
                .hasMessageStartingWith("base_url must be an absolute http(s) URL");
    }

    @Test
    void theKeyNeverShowsInTheDescription() {
        assertThat(new MailgunConfig(KEY, "mg.example.com", null, null, null).toString())
                .doesNotContain("key-1");
    }
}
