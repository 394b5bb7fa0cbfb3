package dev.postern.spring;

import static dev.postern.spring.PropertyErrorsTest.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.SendResult;
import dev.postern.email.Email;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A provider type the starter was never told about ({@code pigeon}, declared only in
 * postern-providers' test jar with its own {@code META-INF/services} entry) is configured from
 * properties like the built-in ones: its keys, its rules, its messages.
 */
class ProviderTypeOnTheClassPathTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class))
            .withPropertyValues("postern.providers[0].name=post", "postern.providers[0].type=pigeon");

    @Test
    void aTypeOnlyATestJarDeclaresIsBuiltFromItsPropertiesAndSends() {
        runner.withPropertyValues(
                        "postern.providers[0].loft=home",
                        "postern.providers[0].birds=2",
                        "postern.providers[0].timeouts.flight=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Postern postern = context.getBean(Postern.class);
                    assertThat(postern.providers())
                            .extracting(ProviderStatus::name, ProviderStatus::type)
                            .containsExactly(tuple("post", "pigeon"));

                    SendResult sent = postern.send(Email.builder()
                            .from("shop@shop.example")
                            .to("zoe@example.com")
                            .subject("Your order")
                            .text("Thanks")
                            .build());

                    assertThat(sent.status()).isEqualTo(SendResult.Status.DELIVERED);
                    assertThat(sent.providerMessageId())
                            .hasValueSatisfying(id -> assertThat(id).startsWith("home-"));
                });
    }

    @Test
    void itsMissingKeyNamesTheProperty() {
        runner.run(context ->
                assertThat(messages(context.getStartupFailure())).contains("postern.providers[0].loft is required"));
    }

    @Test
    void itsRangeAndItsRecordsRulesNameTheProperty() {
        runner.withPropertyValues("postern.providers[0].loft=home", "postern.providers[0].birds=500")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].birds must be in 1..100, but was 500"));
        runner.withPropertyValues("postern.providers[0].loft=Home Loft")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].loft must be a lower-case word, but was 'Home Loft'"));
    }

    @Test
    void anUnknownTypeListsItAmongTheTypes() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class))
                .withPropertyValues("postern.providers[0].name=post", "postern.providers[0].type=owl")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].type must be one of smtp, sendgrid")
                        .contains("pigeon")
                        .contains("but was 'owl'"));
    }
}
