package dev.postern.bench.e2e;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * §9 scenario 3, library overhead: in this process, one adapter to the emailr simulator (in its own
 * process), called three ways in turn — directly, through {@code Postern.send} (routing, breaker,
 * rate limit, events, timing), and the naive way (a health check, then the send). Each call is
 * timed; the overhead is the difference of percentiles (nearest rank over every call), not a
 * percentile of differences, so it is an estimate.
 */
final class OverheadScenario implements LoadTool.Scenario {

    @Override
    public void run(LoadTool.Settings settings, Report report) throws Exception {
        int warmUp = settings.size(3_000, 100);
        int calls = settings.size(5_000, 200);
        Path dir = settings.folder("overhead");
        try (Sims sims = new Sims(dir, Sims.specs("primary=emailr"))) {
            Provider adapter = adapter(dir, new Gateway.Provider("primary", "emailr", 1, sims.url("primary")));
            Email email = Email.builder()
                    .from(Gateway.FROM)
                    .to("ada@example.com")
                    .subject("Your receipt")
                    .text("x".repeat(900))
                    .build();
            try (Postern postern = Postern.builder()
                    .provider("primary", adapter, ProviderConfig.DEFAULTS)
                    .build()) {
                long[][] t = new long[3][calls];
                for (int i = -warmUp; i < calls; i++) {
                    String id = "bench-" + i;
                    long a = System.nanoTime();
                    adapter.send(email, new AttemptContext(id, 1, true));
                    long b = System.nanoTime();
                    postern.send(email);
                    long c = System.nanoTime();
                    if (adapter.checkHealth().healthy()) {
                        adapter.send(email, new AttemptContext(id, 1, true));
                    }
                    long d = System.nanoTime();
                    if (i >= 0) {
                        t[0][i] = b - a;
                        t[1][i] = c - b;
                        t[2][i] = d - c;
                    }
                }
                for (long[] series : t) {
                    java.util.Arrays.sort(series);
                }
                for (double p : new double[] {50, 99}) {
                    long direct = Load.percentile(t[0], p);
                    long lib = Load.percentile(t[1], p) - direct;
                    long naive = Load.percentile(t[2], p) - direct;
                    report.add(new Report.Row(
                            "overhead",
                            String.format(
                                    Locale.ROOT,
                                    "p%.0f over a direct adapter call (direct p%.0f: %s)",
                                    p,
                                    p,
                                    ms(direct)),
                            ms(lib),
                            ms(naive),
                            "",
                            p == 99 ? "< 0.5 ms" : "",
                            p == 99 ? Report.met(lib < 500_000) : ""));
                }
            }
        }
    }

    /** The adapter the gateway would build for {@code provider}, from the same YAML. */
    private static Provider adapter(Path dir, Gateway.Provider provider) throws Exception {
        Path file = dir.resolve("overhead.yml");
        Files.writeString(file, "providers:\n" + provider.yaml());
        return ConfigLoader.load(file).orThrow().providers().getFirst().create();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
