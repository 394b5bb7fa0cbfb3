package dev.postern.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML into a Jackson tree while remembering the line of every key and list item by its
 * path ({@code providers[1].weight}), and substitutes {@code ${ENV}} / {@code ${ENV:-default}} in
 * string values. Substitution happens after parsing, so a variable's value can never change the
 * file's structure; values that came from the environment are remembered so they are never shown.
 */
final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    final Map<String, Integer> lines = new HashMap<>();
    final Set<String> fromEnvironment = new HashSet<>();
    final Problems problems = new Problems(lines);
    private final Function<String, String> env;
    JsonNode root = NODES.objectNode();

    private YamlTree(Function<String, String> env) {
        this.env = env;
    }

    boolean broken() {
        return problems.reported("");
    }

    static YamlTree parse(String text, Function<String, String> env) {
        YamlTree tree = new YamlTree(env);
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return tree; // an empty file: every default
            }
            JsonNode root = tree.value(parser, "");
            if (!root.isObject()) {
                tree.problems.add("", "the file must be a YAML mapping of sections (server, store, providers, …)");
            } else {
                tree.root = root;
            }
        } catch (JsonProcessingException e) {
            tree.problems.addAt("", line(e), "not valid YAML: " + describe(e.getOriginalMessage()));
        } catch (IOException e) {
            tree.problems.add("", "not valid YAML: " + describe(e.getMessage()));
        }
        return tree;
    }

    private JsonNode value(JsonParser parser, String path) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser, path);
            case START_ARRAY -> array(parser, path);
            case VALUE_STRING -> NODES.textNode(substitute(parser.getText(), path));
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + token + " at line " + line(parser));
        };
    }

    private ObjectNode object(JsonParser parser, String path) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = path.isEmpty() ? key : path + "." + key;
            int line = line(parser);
            lines.putIfAbsent(child, line);
            parser.nextToken();
            JsonNode value = value(parser, child);
            if (node.has(key)) {
                problems.add(child, "is given twice (again at line " + line + ")");
                continue;
            }
            node.set(key, value);
        }
        return node;
    }

    private ArrayNode array(JsonParser parser, String path) throws IOException {
        ArrayNode node = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String child = path + "[" + index++ + "]";
            lines.put(child, line(parser));
            node.add(value(parser, child));
        }
        return node;
    }

    private String substitute(String text, String path) {
        Matcher m = VARIABLE.matcher(text);
        if (!m.find()) {
            return text;
        }
        fromEnvironment.add(path);
        StringBuilder out = new StringBuilder();
        do {
            String value = env.apply(m.group(1));
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                value = m.group(2);
            }
            if (value == null) {
                problems.add(
                        path,
                        "environment variable " + m.group(1) + " is not set (write ${" + m.group(1)
                                + ":-default} for a default)");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The line where the YAML parser found the problem. Jackson's own location is that of the last
     * token it read, a line early when the problem starts a line (a tab in the indentation).
     */
    private static int line(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1; // SnakeYAML counts from 0
        }
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * The parser's explanation without its quotes of the file: SnakeYAML shows the offending lines,
     * which may hold a secret, indented under " in 'reader', line N".
     */
    private static String describe(String message) {
        if (message == null) {
            return "unreadable";
        }
        return String.join(
                "; ",
                message.lines()
                        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                        .map(String::strip)
                        .toList());
    }
}
