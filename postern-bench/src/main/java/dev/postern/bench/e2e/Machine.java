package dev.postern.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on: printed above every table, since they mean nothing without it. */
record Machine(int cores, String cpu, long memoryMb, String jdk, String os) {

    static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                readCpu(),
                readMemoryMb(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "machine: %d cores (%s), %,d MB RAM; %s; %s", cores, cpu, memoryMb, jdk, os);
    }

    private static String readCpu() {
        return procLine("/proc/cpuinfo", "model name").orElse("cpu unknown");
    }

    private static long readMemoryMb() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
                .orElse(0L);
    }

    /** The value after the colon of the first line of {@code file} starting with {@code key}. */
    static java.util.Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
