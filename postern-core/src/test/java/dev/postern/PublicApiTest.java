package dev.postern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.email.Email;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.RoutingConfig;
import dev.postern.routing.Strategy;
import dev.postern.testing.ScriptedProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Uses the public API exactly as README.md shows it, and checks that the two stay the same. */
class PublicApiTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void readmeExampleSendsThroughOneProviderAndFailsOverToTheOther() {
        ScriptedProvider emailrScript =
                ScriptedProvider.accepting("emailr").then(new SendOutcome.Unavailable("HTTP 503"));
        ScriptedProvider sendgridScript = ScriptedProvider.accepting("sendgrid");
        Provider emailr = emailrScript;
        Provider sendgrid = sendgridScript;
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // README:begin
            Postern postern = Postern.builder()
                    .provider("emailr", emailr, ProviderConfig.DEFAULTS.withWeight(70))
                    .provider("sendgrid", sendgrid, ProviderConfig.DEFAULTS.withWeight(30))
                    .routing(RoutingConfig.DEFAULTS.withStrategy(Strategy.WEIGHTED))
                    .listener(event -> System.out.println(event.type() + ": " + event.detail()))
                    .build();

            SendResult result = postern.send(Email.builder()
                    .from("Shop <orders@shop.example>")
                    .to("Ada Lovelace <ada@example.com>")
                    .subject("Your receipt")
                    .text("Thanks for your order.")
                    .build());

            System.out.println(result.status() + " via " + result.provider().orElse("no provider yet"));
            postern.close();
            // README:end
            // listeners run on their own threads: the failover line may come after the result's
            await().until(() -> printed.toString(StandardCharsets.UTF_8).contains("failover: "));
        } finally {
            System.setOut(console);
        }

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("failover: message ").contains(" from emailr to sendgrid: HTTP 503");
        assertThat(output).contains("DELIVERED via sendgrid" + System.lineSeparator());
        assertThat(emailrScript.sends()).isEqualTo(1);
        assertThat(sendgridScript.sends()).isEqualTo(1);
    }

    @Test
    void readmeShowsTheExampleThisTestRuns() throws IOException {
        String test = Files.readString(ROOT.resolve("postern-core/src/test/java/dev/postern/PublicApiTest.java"));
        String example =
                test.substring(test.indexOf("// README:begin\n") + 16, test.indexOf("            // README:end"));
        String readme = Files.readString(ROOT.resolve("README.md"));

        assertThat(readme).contains(unindent(example, 12));
    }

    private static String unindent(String block, int columns) {
        return block.lines()
                .map(line -> line.length() >= columns ? line.substring(columns) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
