package dev.postern.server.cli;

import dev.postern.server.auth.Hashes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code postern key new}: a fresh secret and the hash to configure for it. */
@Command(name = "key", description = "Makes API keys and SMTP passwords.", subcommands = KeyCommand.New.class)
final class KeyCommand {

    @Command(
            name = "new",
            description = {
                "Prints a fresh random secret (256 bits) and its SHA-256.",
                "Give the secret to the client; put only the hash in postern.yml,",
                "as key_sha256 (API keys) or password_sha256 (SMTP users)."
            })
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print {\"key\", \"key_sha256\"}.")
        boolean json;

        @Override
        public Integer call() {
            String key = Hashes.newSecret();
            String hash = Hashes.sha256Hex(key);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println("{\"key\": \"" + key + "\", \"key_sha256\": \"" + hash + "\"}");
            } else {
                out.println("key:        " + key);
                out.println("key_sha256: " + hash);
                out.println();
                out.println("Give the key to the client once; configure only key_sha256 (or password_sha256).");
            }
            return 0;
        }
    }
}
