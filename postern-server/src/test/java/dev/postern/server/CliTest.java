package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.server.auth.Hashes;
import dev.postern.server.cli.Main;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env::get);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void configCheckPassesOnTheExampleFile() {
        Run run = run(Map.of(), "config", "check", "--config", "../postern.example.yml");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("postern.example.yml: valid").doesNotContain("not in effect");
    }

    @Test
    void configCheckFailsOnABrokenCopyListingEveryProblemWithLineAndPathAndNoSecret() throws IOException {
        String example = Files.readString(Path.of("..", "postern.example.yml"));
        String broken = example.replace("weight: 30", "weight: -3")
                .replace("max_attempts: 3", "max_attempts: zero")
                .replace("${SENDGRID_API_KEY:-example-sendgrid-key}", "${SENDGRID_API_KEY}");
        Path file = dir.resolve("broken.yml");
        Files.writeString(file, broken);

        Run run =
                run(Map.of("EMAILR_API_KEY", "sk-live-never-print-me"), "config", "check", "--config", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("3 problems")
                .containsPattern("providers\\[1\\]\\.weight: must be > 0, but was -3 \\(line \\d+\\)")
                .containsPattern("routing\\.max_attempts: must be a whole number, but was 'zero' \\(line \\d+\\)")
                .containsPattern("providers\\[1\\]\\.api_key: environment variable SENDGRID_API_KEY is not set")
                .doesNotContain("sk-live-never-print-me");
    }

    @Test
    void configCheckPrintsJsonWhenAsked() throws IOException {
        Run run = run(Map.of(), "config", "check", "--config", "missing.yml", "--json");

        JsonNode json = TestGateway.JSON.readTree(run.out());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).get("message").asText()).contains("no such file");
    }

    @Test
    void keyNewPrintsAFreshKeyAndItsSha256() throws IOException {
        JsonNode first =
                TestGateway.JSON.readTree(run(Map.of(), "key", "new", "--json").out());
        JsonNode second =
                TestGateway.JSON.readTree(run(Map.of(), "key", "new", "--json").out());

        assertThat(first.get("key").asText())
                .startsWith("pst_")
                .isNotEqualTo(second.get("key").asText());
        assertThat(first.get("key_sha256").asText())
                .isEqualTo(Hashes.sha256Hex(first.get("key").asText()));
        assertThat(run(Map.of(), "key", "new").out()).contains("key:").contains("key_sha256:");
    }

    /** A gateway that dispatches, retries and checks only when the test advances {@code time}. */
    private TestGateway gateway(FakeTime time) {
        return new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time));
    }

    @Test
    void sendAndStatusTalkToARunningGateway() {
        FakeTime time = new FakeTime();
        try (TestGateway gw = gateway(time)) {
            String url = gw.gateway.httpUrl().toString();
            Map<String, String> env = Map.of("POSTERN_API_KEY", TestGateway.SEND_KEY);

            Run send = run(
                    env,
                    "send",
                    "--url",
                    url,
                    "--from",
                    "orders@shop.example",
                    "--to",
                    "ada@example.com",
                    "--subject",
                    "Hello",
                    "--text",
                    "From the CLI");
            Run status = run(env, "status", "--url", url);
            Run refused = run(
                    env,
                    "send",
                    "--url",
                    url,
                    "--from",
                    "x@bank.example",
                    "--to",
                    "ada@example.com",
                    "--subject",
                    "Hello",
                    "--text",
                    "no");

            assertThat(send.exit()).as(send.err()).isZero();
            assertThat(send.out()).startsWith("queued ");
            time.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the send
            assertThat(gw.emailr.received()).hasSize(1);
            assertThat(status.exit()).isZero();
            assertThat(status.out()).contains("PROVIDER").contains("emailr").contains("available");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("HTTP 403 sender_not_allowed");
        }
    }

    @Test
    void drillStartStatusAndAbortDriveADrillOnARunningGateway() throws IOException {
        try (TestGateway gw = gateway(new FakeTime())) {
            Map<String, String> env = Map.of("POSTERN_API_KEY", TestGateway.ADMIN_KEY);
            String url = gw.gateway.httpUrl().toString();

            Run start = run(env, "drill", "start", "--provider", "emailr", "--duration", "5m", "--json", "--url", url);
            assertThat(start.exit()).as(start.err()).isZero();
            String id = TestGateway.JSON.readTree(start.out()).get("id").asText();
            Run refused = run(env, "drill", "start", "--provider", "backup", "--url", url);
            Run status = run(env, "drill", "status", id, "--url", url);
            Run abort = run(env, "drill", "abort", id, "--url", url);

            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("HTTP 409 drill_refused").contains("one drill at a time");
            assertThat(status.out())
                    .isEqualTo("drill " + id + " on emailr: running\n"
                            + "started "
                            + TestGateway.JSON
                                    .readTree(start.out())
                                    .get("started_at")
                                    .asText()
                            + "; follow it with: postern drill status " + id + "\n");
            assertThat(abort.exit()).isZero();
            assertThat(abort.out())
                    .startsWith("drill " + id + " on emailr: aborted")
                    .contains("- aborted by an operator");
            assertThat(gw.gateway.postern().providers().getFirst().state())
                    .isEqualTo(dev.postern.routing.ProviderState.AVAILABLE);
        }
    }

    @Test
    void sendWithoutAKeyExplainsWhereOneComesFrom() {
        Run run = run(
                Map.of(), "send", "--from", "a@shop.example", "--to", "b@example.com", "--subject", "s", "--text", "t");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("POSTERN_API_KEY");
    }

    @Test
    void doctorDnsReportsWhatItCouldNotCheckAndFailsRatherThanPassing() {
        // Nothing answers on port 1: the doctor says so in words, once, and no check counts as a pass.
        Run run = run(
                Map.of(),
                "doctor",
                "dns",
                "shop.example",
                "--config",
                "../postern.example.yml",
                "--resolver",
                "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .isEqualTo("DNS doctor for shop.example: nothing could be checked\n"
                        + "not checked: nothing answers DNS at 127.0.0.1:1 (the port is closed)\n");
    }

    @Test
    void doctorDnsPrintsTheDocumentedJsonShape() throws IOException {
        Run run = run(
                Map.of(),
                "doctor",
                "dns",
                "shop.example",
                "--config",
                "none.yml",
                "--resolver",
                "127.0.0.1:1",
                "--json");

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(json.get("domain").asText()).isEqualTo("shop.example");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("checks").get(0).get("status").asText()).isEqualTo("unchecked");
        assertThat(run.err()).contains("none.yml not found");
    }
}
