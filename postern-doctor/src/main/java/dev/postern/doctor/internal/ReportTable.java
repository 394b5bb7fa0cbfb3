package dev.postern.doctor.internal;

import dev.postern.doctor.Check;
import dev.postern.doctor.CheckKind;
import dev.postern.doctor.CheckStatus;
import dev.postern.doctor.DoctorReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a report for people: the matrix, one line per check with its reason, then the fix lines. */
public final class ReportTable {
    private static final String NOT_APPLICABLE = "-";

    private ReportTable() {}

    public static String render(DoctorReport report) {
        StringBuilder out = new StringBuilder();
        if (oneReasonForNothingChecked(report)) {
            // the resolver could not judge anything: say why once instead of a matrix of question marks
            return out.append("DNS doctor for ")
                    .append(report.domain())
                    .append(": nothing could be checked\n")
                    .append(report.checks().get(0).reason())
                    .append('\n')
                    .toString();
        }
        out.append("DNS doctor for ")
                .append(report.domain())
                .append(": ")
                .append(summary(report))
                .append('\n');
        out.append("SPF lookups: ")
                .append(report.spfLookups().isPresent() ? report.spfLookups().getAsInt() + " of 10" : "not counted")
                .append("\n\n");
        matrix(report, out);
        out.append('\n');
        int subjectWidth = subjectWidth(report);
        for (Check check : report.checks()) {
            out.append(symbol(check.status()))
                    .append(' ')
                    .append(pad(check.subject(), subjectWidth))
                    .append("  ")
                    .append(pad(check.kind().name(), 5))
                    .append("  ")
                    .append(check.reason())
                    .append('\n');
        }
        fixes(report, out);
        return out.toString();
    }

    private static boolean oneReasonForNothingChecked(DoctorReport report) {
        return !report.checks().isEmpty()
                && report.checks().stream().allMatch(c -> c.status() == CheckStatus.UNCHECKED)
                && report.checks().stream().map(Check::reason).distinct().count() == 1;
    }

    private static String summary(DoctorReport report) {
        long failed = report.checks().stream()
                .filter(c -> c.status() == CheckStatus.FAIL)
                .count();
        long unchecked = report.checks().stream()
                .filter(c -> c.status() == CheckStatus.UNCHECKED)
                .count();
        if (failed == 0 && unchecked == 0) {
            return "all " + report.checks().size() + " checks pass";
        }
        return failed + " failed, " + unchecked + " could not be checked, "
                + (report.checks().size() - failed - unchecked) + " passed";
    }

    private static void matrix(DoctorReport report, StringBuilder out) {
        Map<String, Map<CheckKind, CheckStatus>> rows = new LinkedHashMap<>();
        for (Check check : report.checks()) {
            rows.computeIfAbsent(check.subject(), s -> new LinkedHashMap<>()).put(check.kind(), check.status());
        }
        int width = subjectWidth(report);
        StringBuilder header = new StringBuilder(pad("", width));
        for (CheckKind kind : CheckKind.values()) {
            header.append("  ").append(pad(kind.name(), 5));
        }
        out.append(header.toString().stripTrailing()).append('\n');
        rows.forEach((subject, cells) -> {
            StringBuilder line = new StringBuilder(pad(subject, width));
            for (CheckKind kind : CheckKind.values()) {
                CheckStatus status = cells.get(kind);
                line.append("  ").append(pad(status == null ? NOT_APPLICABLE : symbol(status), 5));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        });
    }

    private static void fixes(DoctorReport report, StringBuilder out) {
        List<Check> failed = report.checks().stream()
                .filter(c -> c.status() == CheckStatus.FAIL)
                .toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("\nZone-file lines that would fix the failures:\n");
        Set<String> printed = new HashSet<>();
        for (Check check : failed) {
            out.append("; -- ")
                    .append(check.subject())
                    .append(' ')
                    .append(check.kind().name())
                    .append('\n');
            List<String> fresh = new ArrayList<>();
            for (String line : check.fix()) {
                if (line.startsWith(";") || printed.add(line)) {
                    fresh.add(line);
                }
            }
            if (fresh.stream().allMatch(l -> l.startsWith(";"))
                    && !check.fix().isEmpty()
                    && !check.fix().stream().allMatch(l -> l.startsWith(";"))) {
                out.append("; the same record as above\n");
                continue;
            }
            fresh.forEach(line -> out.append(line).append('\n'));
        }
    }

    private static int subjectWidth(DoctorReport report) {
        return report.checks().stream()
                .mapToInt(c -> c.subject().length())
                .max()
                .orElse(6);
    }

    static String symbol(CheckStatus status) {
        return switch (status) {
            case PASS -> "✔";
            case FAIL -> "✘";
            case UNCHECKED -> "?";
        };
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
