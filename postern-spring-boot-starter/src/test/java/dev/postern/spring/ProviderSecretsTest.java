package dev.postern.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** No provider credential appears in the starter's text: bound properties, problems, shown values. */
class ProviderSecretsTest {
    private static final String[] SECRETS = {"SG.k3y", "hunter2", "AWSs3cret", "t0ken"};

    @Test
    void theBoundPropertiesPrintNoCredential() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class))
                .withPropertyValues(
                        "postern.providers[0].name=primary",
                        "postern.providers[0].type=sendgrid",
                        "postern.providers[0].api-key=SG.k3y",
                        "postern.providers[1].name=backup",
                        "postern.providers[1].type=smtp",
                        "postern.providers[1].host=127.0.0.1",
                        "postern.providers[1].port=2525",
                        "postern.providers[1].tls=none",
                        "postern.providers[1].username=postern",
                        "postern.providers[1].password=hunter2",
                        "postern.providers[1].secret-access-key=AWSs3cret",
                        "postern.providers[1].token=t0ken")
                .run(context -> assertThat(
                                context.getBean(PosternProperties.class).toString())
                        .contains("primary", "backup")
                        .doesNotContain(SECRETS));
    }

    @Test
    void aKeyNamedLikeACredentialIsNeverShownInAProblem() {
        PropertyKeys keys = new PropertyKeys(
                new Binder(new MapConfigurationPropertySource(Map.of(
                        "postern.providers[0].api-key", "SG.k3y",
                        "postern.providers[0].password", "hunter2",
                        "postern.providers[0].secret-access-key", "AWSs3cret",
                        "postern.providers[0].auth.token", "t0ken",
                        "postern.providers[0].region", "mars"))),
                "postern.providers[0].");

        assertThat(String.join(
                        " ",
                        keys.shown("api_key"),
                        keys.shown("password"),
                        keys.shown("secret_access_key"),
                        keys.shown("auth.token")))
                .doesNotContain(SECRETS);
        assertThat(keys.shown("region")).isEqualTo("'mars'");
    }
}
