package dev.postern.server.cli;

import dev.postern.outbox.OutboxConfig;
import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.Suppression;
import dev.postern.outbox.store.Suppressions;
import dev.postern.provider.ProviderSuppression;
import dev.postern.provider.ProviderSuppressions;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.SuppressionSourceException;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigReport;
import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.ProviderEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code postern suppressions import --provider NAME}: copies a configured provider's own
 * suppression list into Postern's, in the store the gateway uses (so a running gateway sees the
 * entries at its next round). Entries already listed keep what they say.
 */
@Command(
        name = "suppressions",
        description = "Manages the suppression list.",
        subcommands = SuppressionsCommand.Import.class)
final class SuppressionsCommand {
    @ParentCommand
    Main main;

    @Command(
            name = "import",
            description = "Copies a provider's own suppression list (bounces, complaints) into Postern's;"
                    + " exit 0 when read whole, 1 if not.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        SuppressionsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--provider", required = true, description = "The configured provider's name.")
        String provider;

        @Option(names = "--config", defaultValue = "postern.yml", description = "The file (default: ${DEFAULT-VALUE}).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConfigReport report = ConfigLoader.load(file, parent.main.env);
            if (report.config().isEmpty()) {
                err.println(file + ": not a valid configuration; run postern config check");
                return Main.INVALID;
            }
            GatewayConfig config = report.config().get();
            Optional<ProviderEntry> entry = config.providers().stream()
                    .filter(p -> p.name().equals(provider))
                    .findFirst();
            if (entry.isEmpty()) {
                err.println("no provider named '" + provider + "' in " + file + "; configured: "
                        + config.providers().stream().map(ProviderEntry::name).collect(Collectors.joining(", ")));
                return Main.INVALID;
            }
            Optional<SuppressionSource> source =
                    ProviderSuppressions.of(entry.get().create());
            if (source.isEmpty()) {
                err.println("provider '" + provider + "' (" + entry.get().type()
                        + ") offers no suppression list through its API; nothing to import");
                return Main.INVALID;
            }
            OutboxConfig outbox = config.outbox();
            try (Store store = Store.open(outbox.store(), outbox.maxWriteBatch(), outbox.storeWriteTimeout())) {
                Tally tally = new Tally(store.suppressions(), provider, Instant.now());
                try {
                    source.get().read(tally::add);
                } catch (SuppressionSourceException e) {
                    tally.flush(); // what was read is kept: a second run adds the rest
                    err.println("could not read the list of '" + provider + "': " + e.getMessage());
                    out.println(tally.summary(" before the failure"));
                    return Main.INVALID;
                }
                tally.flush();
                out.println(tally.summary(""));
                return 0;
            }
        }
    }

    /** Writes an import in batches (one transaction each) and counts what it did. */
    private static final class Tally {
        private static final int BATCH = 500;

        private final Suppressions list;
        private final String provider;
        private final Instant now;
        private final List<Suppression> batch = new ArrayList<>(BATCH);
        private long added;
        private long present;
        private long unusable;

        Tally(Suppressions list, String provider, Instant now) {
            this.list = list;
            this.provider = provider;
            this.now = now;
        }

        void add(ProviderSuppression entry) {
            try {
                batch.add(new Suppression(
                        entry.address(),
                        entry.reason(),
                        Optional.of(provider),
                        entry.detail(),
                        entry.createdAt().orElse(now)));
            } catch (IllegalArgumentException e) {
                unusable++; // an address or reason Postern cannot hold (too long)
                return;
            }
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            int stored = list.addAll(batch);
            added += stored;
            present += batch.size() - stored;
            batch.clear();
        }

        String summary(String when) {
            return "imported from " + provider + when + ": " + added + " added, " + present + " already present"
                    + (unusable > 0 ? ", " + unusable + " skipped (unusable address or reason)" : "");
        }
    }
}
