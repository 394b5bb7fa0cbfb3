package dev.postern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.Suppression;
import dev.postern.sim.ControlServer;
import dev.postern.sim.Simulator;
import dev.postern.sim.mailgun.MailgunSimulator;
import dev.postern.sim.postmark.PostmarkSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.sim.ses.SesSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postern suppressions import} against the simulators' list endpoints, seeded through their
 * control API: every page is read, entries land in the gateway's store with the provider's name,
 * and a second run finds them already present.
 */
class SuppressionsImportTest {
    @TempDir
    Path dir;

    private final SendGridSimulator sendgrid = new SendGridSimulator(0, "sg-key-1234");
    private final PostmarkSimulator postmark = new PostmarkSimulator(0, "pm-token-1234");
    private final MailgunSimulator mailgun = new MailgunSimulator(0, "mg-key-1234", "mg.shop.example");
    private final SesSimulator ses = new SesSimulator(0, "AKIAIOSFODNN7EXAMPLE", "ses-secret-1234");
    private ControlServer control;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        sendgrid.start();
        postmark.start();
        mailgun.start();
        ses.start();
        control = new ControlServer(
                Map.<String, Simulator>of("sg", sendgrid, "pm", postmark, "mg", mailgun, "ses", ses), 0);
        config = dir.resolve("postern.yml");
        Files.writeString(config, """
                store: sqlite:%s
                providers:
                  - { name: sg, type: sendgrid, priority: 1, api_key: sg-key-1234, base_url: %s }
                  - { name: pm, type: postmark, priority: 2, api_key: pm-token-1234, base_url: %s }
                  - { name: mg, type: mailgun, priority: 3, api_key: mg-key-1234, domain: mg.shop.example, base_url: %s }
                  - { name: relay, type: smtp, priority: 4, host: 127.0.0.1, port: 2525, tls: none }
                  - { name: sg-old-key, type: sendgrid, priority: 5, api_key: sg-revoked-9876, base_url: %s }
                  - { name: ses, type: ses, priority: 6, region: us-east-1, access_key_id: AKIAIOSFODNN7EXAMPLE, secret_access_key: ses-secret-1234, base_url: %s }
                """.formatted(
                        dir.resolve("postern.db"),
                        sendgrid.baseUrl(),
                        postmark.baseUrl(),
                        mailgun.baseUrl(),
                        sendgrid.baseUrl(),
                        ses.baseUrl()));
    }

    @AfterEach
    void stop() {
        control.close();
        sendgrid.close();
        postmark.close();
        mailgun.close();
        ses.close();
    }

    @Test
    void sendGridsBouncesAndSpamReportsAreImportedAcrossPages() throws Exception {
        // 501 bounces: two pages of SendGrid's 500.
        seed("sg", IntStream.range(0, 501).mapToObj(i -> entry("b" + i + "@example.com", "bounce")));
        seed("sg", IntStream.of(0).mapToObj(i -> entry("Spam@Example.com", "complaint")));

        assertThat(run("sg")).isEqualTo("imported from sg: 502 added, 0 already present");

        try (Store store = Store.open("sqlite:" + dir.resolve("postern.db"), 1)) {
            assertThat(store.suppressions().count()).isEqualTo(502);
            Suppression spam = store.suppressions().find("spam@example.com").orElseThrow();
            assertThat(spam.reason()).isEqualTo(Suppression.COMPLAINT);
            assertThat(spam.provider()).contains("sg");
            assertThat(store.suppressions()
                            .find("b500@example.com")
                            .orElseThrow()
                            .reason())
                    .isEqualTo(Suppression.HARD_BOUNCE);
        }
        assertThat(run("sg")).isEqualTo("imported from sg: 0 added, 502 already present");
    }

    @Test
    void mailgunsListsAreFollowedPageByPageUntilAnEmptyPage() throws Exception {
        seed("mg", IntStream.range(0, 1001).mapToObj(i -> entry("m" + i + "@example.com", "bounce")));
        seed("mg", IntStream.of(0).mapToObj(i -> entry("angry@example.com", "complaint")));

        assertThat(run("mg")).isEqualTo("imported from mg: 1002 added, 0 already present");
    }

    @Test
    void sesAccountListIsImportedAcrossNextTokenPagesWithItsReasons() throws Exception {
        // 1001 bounces: two pages of the 1000 the adapter asks SES for.
        seed("ses", IntStream.range(0, 1001).mapToObj(i -> entry("s" + i + "@example.com", "bounce")));
        seed("ses", IntStream.of(0).mapToObj(i -> entry("Angry@Example.com", "complaint")));

        assertThat(run("ses")).isEqualTo("imported from ses: 1002 added, 0 already present");

        try (Store store = Store.open("sqlite:" + dir.resolve("postern.db"), 1)) {
            assertThat(store.suppressions().count()).isEqualTo(1002);
            Suppression angry = store.suppressions().find("angry@example.com").orElseThrow();
            assertThat(angry.reason()).isEqualTo(Suppression.COMPLAINT);
            assertThat(angry.provider()).contains("ses");
            assertThat(store.suppressions().find("s1000@example.com").map(Suppression::reason))
                    .isEqualTo(Optional.of(Suppression.HARD_BOUNCE));
        }
        assertThat(run("ses")).isEqualTo("imported from ses: 0 added, 1002 already present");
        // Every page was a SigV4-signed request the simulator verified.
        assertThat(ses.verifiedAuthorizations()).hasSize(4);
    }

    @Test
    void postmarksDumpIsImportedWithItsReasons() throws Exception {
        seed("pm", IntStream.of(0).mapToObj(i -> entry("gone@example.com", "bounce")));
        seed("pm", IntStream.of(0).mapToObj(i -> entry("angry@example.com", "complaint")));

        assertThat(run("pm")).isEqualTo("imported from pm: 2 added, 0 already present");
        try (Store store = Store.open("sqlite:" + dir.resolve("postern.db"), 1)) {
            assertThat(store.suppressions().find("gone@example.com").map(Suppression::reason))
                    .isEqualTo(Optional.of(Suppression.HARD_BOUNCE));
        }
    }

    @Test
    void aProviderWithoutAListIsToldApartAndNothingIsWritten() {
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {"suppressions", "import", "--provider", "relay", "--config", config.toString()},
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                name -> null);

        assertThat(code).isEqualTo(Main.INVALID);
        assertThat(err.toString()).contains("provider 'relay' (smtp) offers no suppression list");
    }

    @Test
    void aRefusedKeyFailsTheImportWithoutPrintingTheKey() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {"suppressions", "import", "--provider", "sg-old-key", "--config", config.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                name -> null);

        assertThat(code).isEqualTo(Main.INVALID);
        assertThat(err.toString()).contains("SendGrid refused the credentials").doesNotContain("sg-revoked-9876");
        assertThat(out.toString()).contains("0 added").doesNotContain("sg-revoked-9876");
    }

    private String run(String provider) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {"suppressions", "import", "--provider", provider, "--config", config.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                name -> null);
        assertThat(code).as(err.toString()).isZero();
        return out.toString().strip();
    }

    private static String entry(String address, String kind) {
        return "{\"address\": \"" + address + "\", \"kind\": \"" + kind + "\", \"detail\": \"550 5.1.1 unknown\"}";
    }

    private void seed(String simulator, java.util.stream.Stream<String> entries) throws Exception {
        String body = entries.collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(java.net.URI.create(control.url() + "/" + simulator + "/suppressions"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
