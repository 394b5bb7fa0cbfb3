package dev.postern.bench;

import dev.postern.bench.e2e.LoadTool;
import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code e2e …} runs the end-to-end load tool ({@link LoadTool}),
 * anything else is handed to JMH unchanged ({@code java -jar benchmarks.jar OutboxAccept -prof gc}).
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("e2e")) {
            System.exit(LoadTool.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        org.openjdk.jmh.Main.main(args);
    }
}
