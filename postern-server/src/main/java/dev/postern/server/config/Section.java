package dev.postern.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.type.AdapterKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cursor on one mapping of the file: typed reads of its keys that report a problem (with path
 * and line) instead of throwing, and fall back to the default so reading goes on and every problem
 * is found in one pass. Values are shown in messages unless they are secrets or came from the
 * environment.
 */
final class Section {
    private final YamlTree tree;
    final String path;
    private final JsonNode node;

    Section(YamlTree tree, String path, JsonNode node) {
        this.tree = tree;
        this.path = path;
        this.node = node;
    }

    static Section root(YamlTree tree) {
        return new Section(tree, "", tree.root);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    void problem(String key, String message) {
        tree.problems.add(key == null ? path : pathOf(key), message);
    }

    /**
     * Reports every key not in {@code known}, naming it, the known key it most likely meant (see
     * {@link NearestKey}) and the keys this section takes.
     */
    void allow(String... known) {
        Set<String> allowed = new TreeSet<>(Set.of(known));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String guess = NearestKey.to(key, allowed)
                        .map(k -> " (did you mean `" + k + "`?)")
                        .orElse("");
                problem(
                        key,
                        "unknown key '" + key + "'" + guess + "; " + (path.isEmpty() ? "sections" : path) + " takes "
                                + String.join(", ", allowed));
            }
        }
    }

    /** The mapping under {@code key}; an empty one when absent. */
    Section section(String key) {
        JsonNode v = node.get(key);
        if (v != null && !v.isNull() && !v.isObject()) {
            problem(key, "must be a mapping of keys, but was " + kind(v));
            v = null;
        }
        return new Section(
                tree,
                pathOf(key),
                v == null || v.isNull()
                        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        : v);
    }

    /** Each mapping in the list under {@code key}; items that are not mappings are reported. */
    List<Section> sections(String key) {
        List<Section> out = new ArrayList<>();
        JsonNode v = list(key);
        for (int i = 0; v != null && i < v.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            if (v.get(i).isObject()) {
                out.add(new Section(tree, itemPath, v.get(i)));
            } else {
                tree.problems.add(itemPath, "must be a mapping of keys, but was " + kind(v.get(i)));
            }
        }
        return out;
    }

    /** The strings in the list under {@code key}; empty when absent. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        JsonNode v = list(key);
        for (int i = 0; v != null && i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (item.isTextual() || item.isNumber()) {
                out.add(item.asText());
            } else {
                tree.problems.add(pathOf(key) + "[" + i + "]", "must be a string, but was " + kind(item));
            }
        }
        return out;
    }

    private JsonNode list(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            problem(key, "must be a list, but was " + kind(v));
            return null;
        }
        return v;
    }

    Optional<String> string(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode() || v.isBoolean()) {
            problem(key, "must be a string, but was " + kind(v));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A required, non-blank string; null (after reporting) when missing. */
    String required(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty() || v.get().isBlank()) {
            if (!tree.problems.reported(pathOf(key))) {
                problem(key, v.isEmpty() ? "is required" : "must not be blank");
            }
            return null;
        }
        return v.get();
    }

    /** A credential: its value never appears in any message. */
    Optional<Secret> secret(String key, boolean required) {
        Optional<String> v = string(key);
        if (v.isPresent() && !v.get().isBlank()) {
            return Optional.of(new Secret(v.get()));
        }
        if ((required || v.isPresent()) && !tree.problems.reported(pathOf(key))) {
            problem(key, v.isEmpty() ? "is required" : "must not be blank");
        }
        return Optional.empty();
    }

    long integer(String key, long fallback, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        long value;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.asLong();
        } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(v.asText().strip()); // e.g. port: ${SMTP_PORT}
        } else {
            problem(key, "must be a whole number, but was " + show(key, v));
            return fallback;
        }
        if (value < min || value > max) {
            // a bound far out of reach is not worth naming: "> 0" reads better than "in 1..1000000"
            boolean smallRange = max <= 100_000;
            String rule;
            if (value < min) {
                rule = min == 1 ? "must be > 0" : smallRange ? "must be in " + min + ".." + max : "must be >= " + min;
            } else {
                rule = smallRange ? "must be in " + min + ".." + max : "must be <= " + max;
            }
            problem(key, rule + ", but was " + show(key, v));
            return fallback;
        }
        return value;
    }

    OptionalLong optionalInteger(String key, long min) {
        return has(key) ? OptionalLong.of(integer(key, min, min, Long.MAX_VALUE)) : OptionalLong.empty();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        problem(key, "must be true or false, but was " + show(key, v));
        return fallback;
    }

    /** A duration like {@code 30s}; {@code positive} rejects zero. */
    Duration duration(String key, Duration fallback) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(v.get());
            if (d.isZero()) {
                problem(key, "must be > 0, but was " + show(key, node.get(key)));
                return fallback;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(key, "must be a duration like 500ms, 5s, 10m, 72h or 7d, but was " + show(key, node.get(key)));
            return fallback;
        }
    }

    /** A rate like {@code 5%} or {@code 0.1%}, returned as a fraction; must be above 0% and at most 100%. */
    double percent(String key, double fallback) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String text = v.get().strip();
        if (!text.matches("\\d{1,3}(\\.\\d{1,4})?%")) {
            problem(key, "must be a percentage like 5% or 0.1%, but was " + show(key, node.get(key)));
            return fallback;
        }
        double fraction = Double.parseDouble(text.substring(0, text.length() - 1)) / 100;
        if (fraction <= 0 || fraction > 1) {
            problem(key, "must be > 0% and <= 100%, but was " + show(key, node.get(key)));
            return fallback;
        }
        return fraction;
    }

    /** An absolute http(s) URL; shown in messages by scheme and host only. */
    Optional<URI> url(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> url = AdapterKeys.httpUrl(v.get());
        if (url.isEmpty()) {
            problem(key, "must be an absolute http(s) URL");
        }
        return url;
    }

    /** How a value may appear in a message: quoted, unless it came from the environment. */
    String show(String key, JsonNode value) {
        if (tree.fromEnvironment.contains(pathOf(key))) {
            return "the value from the environment";
        }
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }

    String showValue(String key) {
        JsonNode v = node.get(key);
        return v == null ? "nothing" : show(key, v);
    }

    private static String kind(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isBoolean()) {
            return "true/false";
        }
        if (v.isNumber()) {
            return "a number";
        }
        return "a string";
    }
}
