package dev.postern.bench.e2e;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool's output: one Markdown table, a row per figure with Postern and the baseline side
 * by side (measured in the same run), their ratio, the target (docs/benchmarks.md) and whether it is met.
 */
final class Report {
    /** One figure. {@code ratio} is Postern ÷ baseline (or as the row says); empty when not comparable. */
    record Row(
            String scenario, String figure, String postern, String baseline, String ratio, String target, String met) {}

    private final List<Row> rows = new ArrayList<>();
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void add(Row row) {
        rows.add(row);
        out.println("  " + row.scenario() + " / " + row.figure() + ": postern " + row.postern() + ", baseline "
                + row.baseline() + (row.met().isEmpty() ? "" : " (" + row.met() + ")"));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void print(Machine machine, String command) {
        out.println();
        out.println(machine);
        out.println("command: " + command);
        out.println();
        out.println("| scenario | figure | Postern | naive baseline | ratio | target | met |");
        out.println("|---|---|---:|---:|---:|---|---|");
        for (Row r : rows) {
            out.println("| "
                    + String.join(
                            " | ", r.scenario(), r.figure(), r.postern(), r.baseline(), r.ratio(), r.target(), r.met())
                    + " |");
        }
    }

    static String ratio(double postern, double baseline) {
        return baseline <= 0 ? "—" : String.format(java.util.Locale.ROOT, "×%.1f", postern / baseline);
    }

    static String num(double value, String unit) {
        return String.format(java.util.Locale.ROOT, "%,.0f %s", value, unit).trim();
    }

    static String met(boolean met) {
        return met ? "yes" : "no";
    }
}
