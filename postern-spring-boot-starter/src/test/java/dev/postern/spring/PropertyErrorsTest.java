package dev.postern.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A wrong value stops the application with the property named. */
class PropertyErrorsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class))
            .withPropertyValues("postern.providers[0].name=primary");

    @Test
    void aValueOfTheWrongKindNamesTheProperty() {
        runner.withPropertyValues(
                        "postern.providers[0].type=sendgrid",
                        "postern.providers[0].api-key=SG.x",
                        "postern.providers[0].priority=first")
                .run(context ->
                        assertThat(messages(context.getStartupFailure())).contains("postern.providers[0].priority"));
    }

    @Test
    void aMissingAdapterKeyNamesTheProperty() {
        runner.withPropertyValues("postern.providers[0].type=sendgrid")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].api-key must not be blank"));
    }

    @Test
    void anUnknownTypeNamesThePropertyAndTheTypes() {
        runner.withPropertyValues("postern.providers[0].type=carrier-pigeon")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].type must be one of smtp, sendgrid")
                        .contains("'carrier-pigeon'"));
    }

    @Test
    void anAdapterRuleNamesTheProperty() {
        runner.withPropertyValues(
                        "postern.providers[0].type=sendgrid",
                        "postern.providers[0].api-key=SG.x",
                        "postern.providers[0].base-url=ftp://example.com")
                .run(context ->
                        assertThat(messages(context.getStartupFailure())).contains("postern.providers[0].base-url"));
    }

    @Test
    void aMissingNameNamesTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PosternAutoConfiguration.class))
                .withPropertyValues("postern.providers[0].type=sendgrid", "postern.providers[0].api-key=SG.x")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].name is required"));
    }

    @Test
    void aNestedRuleNamesTheNestedProperty() {
        runner.withPropertyValues(
                        "postern.providers[0].type=sendgrid",
                        "postern.providers[0].api-key=SG.x",
                        "postern.providers[0].rate_limit.per_second=-1")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("postern.providers[0].rate-limit.per-second must be >= 0"));
    }

    @Test
    void anUnknownStrategyNamesTheProperty() {
        runner.withPropertyValues(
                        "postern.providers[0].type=sendgrid",
                        "postern.providers[0].api-key=SG.x",
                        "postern.routing.strategy=random")
                .run(context ->
                        assertThat(messages(context.getStartupFailure())).contains("postern.routing.strategy"));
    }

    /** Every message down the cause chain: Spring wraps the one that names the property. */
    static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
