package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the loader: each key its tables document with a single default is
 * accepted by {@code config check}, and writing that default out changes nothing; each key the
 * loader takes in those sections is named in the docs.
 */
class ConfigurationDocsTest {
    private static final String PROVIDERS = """
            providers:
              - { name: only, type: emailr, api_key: k }
            """;

    /** A table row whose key and default are each one backticked token: {@code | `a.b` | `v` | …}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\| `([^`]+)`( \\([^)]*\\))? \\|");

    private static final List<String> SECTIONS =
            List.of("server", "routing", "alerts", "retention", "cluster", "suppressions");

    @Test
    void everyDocumentedDefaultIsAcceptedAndIsTheDefaultInEffect() throws IOException {
        GatewayConfig baseline = ConfigLoader.parse(PROVIDERS, n -> null).orThrow();
        List<String[]> rows = documentedDefaults(Files.readAllLines(Path.of("..", "docs", "configuration.md")));
        assertThat(rows).as("rows found in docs/configuration.md").hasSizeGreaterThan(10);

        for (String[] row : rows) {
            String yaml = nested(row[0], row[1]) + PROVIDERS;
            ConfigReport report = ConfigLoader.parse(yaml, n -> null);
            assertThat(report.problems())
                    .as("documented key %s: %s", row[0], row[1])
                    .isEmpty();
            assertThat(report.orThrow())
                    .as("documented default %s: %s", row[0], row[1])
                    .isEqualTo(baseline);
        }
    }

    @Test
    void everyKeyTheLoaderTakesIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> undocumented = new ArrayList<>();
        for (String section : List.of(
                "server.http",
                "server.smtp",
                "server.smtp.anonymous",
                "server.tls",
                "routing",
                "routing.retry",
                "alerts",
                "alerts.backlog",
                "drills",
                "retention",
                "cluster",
                "suppressions")) {
            for (String key : keysTaken(section)) {
                // Tables name keys below their top-level section: server.smtp.listen is `smtp.listen`.
                String full = section + "." + key;
                String documented = full.substring(full.indexOf('.') + 1);
                if (!docs.contains("`" + documented + "`")
                        && !docs.contains("`" + documented + ".")
                        && !docs.contains("`" + documented + "[]`")) {
                    undocumented.add(section + "." + key);
                }
            }
        }
        assertThat(undocumented)
                .as("keys config check takes that docs/configuration.md does not name")
                .isEmpty();
    }

    /** The keys a section takes, as the loader lists them when it meets one it does not know. */
    private static List<String> keysTaken(String section) {
        ConfigReport report = ConfigLoader.parse(nested(section + ".zz_unknown", "1") + PROVIDERS, n -> null);
        String message = report.problems().stream()
                .filter(p -> p.path().equals(section + ".zz_unknown"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(section + ": no unknown-key problem in " + report.problems()))
                .message();
        return List.of(message.substring(message.indexOf(" takes ") + 7).split(", "));
    }

    /** {section, dotted key, default} → {"section.key", default}, for the sections above. */
    private static List<String[]> documentedDefaults(List<String> lines) {
        List<String[]> rows = new ArrayList<>();
        String section = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3).replace("`", "").trim();
                section = SECTIONS.contains(heading) ? heading : null;
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (section != null && m.find()) {
                rows.add(new String[] {section + "." + m.group(1), m.group(2)});
            }
        }
        return rows;
    }

    /** {@code a.b.c} and {@code v} as block YAML, so values such as {@code 127.0.0.1:8025} stay plain. */
    private static String nested(String dotted, String value) {
        String[] parts = dotted.split("\\.");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            yaml.append("  ".repeat(i)).append(parts[i]).append(':');
            yaml.append(i == parts.length - 1 ? " " + value + "\n" : "\n");
        }
        return yaml.toString();
    }
}
