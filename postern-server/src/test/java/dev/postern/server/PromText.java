package dev.postern.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line is a {@code # HELP},
 * a {@code # TYPE} or a sample {@code name{label="value",…} value [timestamp]}, and every sample
 * belongs to a family whose type was declared before it. Anything else fails the parse.
 */
final class PromText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE =
            Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (NaN|[+-]Inf|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PromText() {}

    static PromText parse(String text) {
        PromText parsed = new PromText();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty() || line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                parsed.types.put(type.group(1), type.group(2));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + number + " is not Prometheus text format: " + line);
            }
            String name = sample.group(1);
            if (parsed.family(name).isEmpty()) {
                throw new IllegalArgumentException("line " + number + ": " + name + " has no # TYPE before it");
            }
            parsed.samples.add(new Sample(name, labels(sample.group(2), number), Double.parseDouble(sample.group(3))));
        }
        return parsed;
    }

    private static Map<String, String> labels(String text, int number) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            labels.put(m.group(1), m.group(2));
            end = m.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException("line " + number + ": bad labels {" + text + "}");
        }
        return labels;
    }

    /** The declared family a sample name belongs to (histogram and summary samples carry suffixes). */
    Optional<String> family(String sample) {
        if (types.containsKey(sample)) {
            return Optional.of(sample);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    /** True if a family or a sample has this name. */
    boolean has(String name) {
        return types.containsKey(name)
                || samples.stream().anyMatch(s -> s.name().equals(name));
    }

    String type(String family) {
        return types.get(family);
    }

    /** The value of the one sample named {@code name} with exactly these labels (as pairs). */
    double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(name + wanted + " appears " + found.size() + " times");
        }
        return found.getFirst().value();
    }
}
