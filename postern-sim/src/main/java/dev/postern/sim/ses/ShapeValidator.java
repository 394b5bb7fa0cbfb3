package dev.postern.sim.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON body against a shape of an AWS service model (the "C2J" format of botocore and
 * the AWS SDKs: {@code shapes} of type structure, list, map, string, blob, boolean, integer, long,
 * double, timestamp), with the constraints the model states: required members, unknown members,
 * {@code min}/{@code max} lengths and sizes, {@code pattern} and {@code enum}. Messages follow AWS's
 * wording: {@code Value null at 'Content' failed to satisfy constraint: Member must not be null}.
 */
final class ShapeValidator {
    private final JsonNode shapes;

    private ShapeValidator(JsonNode shapes) {
        this.shapes = shapes;
    }

    /** The validator for the service model at classpath {@code resource}. */
    static ShapeValidator load(String resource) {
        try (InputStream in = ShapeValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no service model at classpath:" + resource);
            }
            return new ShapeValidator(new ObjectMapper().readTree(in).path("shapes"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + resource, e);
        }
    }

    /** What is wrong with {@code body} as shape {@code shapeName}; empty when it conforms. */
    List<String> violations(JsonNode body, String shapeName) {
        List<String> problems = new ArrayList<>();
        check(body, shapeName, "", problems);
        return problems;
    }

    private void check(JsonNode value, String shapeName, String at, List<String> problems) {
        JsonNode shape = shapes.path(shapeName);
        if (shape.isMissingNode()) {
            throw new IllegalStateException("the model has no shape " + shapeName);
        }
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> structure(value, shape, at, problems);
            case "list" -> list(value, shape, at, problems);
            case "map" -> map(value, shape, at, problems);
            case "string" -> string(value, shape, at, problems);
            case "blob" -> blob(value, at, problems);
            case "boolean" -> expect(value.isBoolean(), "boolean", value, at, problems);
            case "integer", "long" -> number(value, shape, at, problems);
            case "double", "float" -> expect(value.isNumber(), "number", value, at, problems);
            case "timestamp" -> expect(value.isNumber() || value.isTextual(), "timestamp", value, at, problems);
            default -> throw new IllegalStateException("shape " + shapeName + " has unknown type " + type);
        }
    }

    private void structure(JsonNode value, JsonNode shape, String at, List<String> problems) {
        if (!expect(value.isObject(), "object", value, at, problems)) {
            return;
        }
        JsonNode members = shape.path("members");
        Set<String> required = new HashSet<>();
        shape.path("required").forEach(r -> required.add(r.asText()));
        for (String name : required) {
            if (!value.hasNonNull(name)) {
                problems.add(constraint("null", join(at, name), "Member must not be null"));
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode member = members.path(field.getKey());
            // Members bound to a header, the URI or the query string never travel in the body.
            if (member.isMissingNode() || member.has("location")) {
                problems.add("Unknown member '" + join(at, field.getKey()) + "'");
            } else if (!field.getValue().isNull()) {
                check(field.getValue(), member.path("shape").asText(), join(at, field.getKey()), problems);
            }
        }
    }

    private void list(JsonNode value, JsonNode shape, String at, List<String> problems) {
        if (!expect(value.isArray(), "list", value, at, problems)) {
            return;
        }
        bounds(value.size(), shape, "have length", "[" + value.size() + " items]", at, problems);
        String memberShape = shape.path("member").path("shape").asText();
        for (int i = 0; i < value.size(); i++) {
            check(value.get(i), memberShape, at + "." + (i + 1), problems);
        }
    }

    private void map(JsonNode value, JsonNode shape, String at, List<String> problems) {
        if (!expect(value.isObject(), "map", value, at, problems)) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            check(
                    new com.fasterxml.jackson.databind.node.TextNode(entry.getKey()),
                    shape.path("key").path("shape").asText(),
                    at,
                    problems);
            check(entry.getValue(), shape.path("value").path("shape").asText(), join(at, entry.getKey()), problems);
        }
    }

    private void string(JsonNode value, JsonNode shape, String at, List<String> problems) {
        if (!expect(value.isTextual(), "string", value, at, problems)) {
            return;
        }
        String text = value.asText();
        bounds(text.codePointCount(0, text.length()), shape, "have length", "'" + text + "'", at, problems);
        if (shape.has("pattern")
                && !Pattern.compile(shape.path("pattern").asText())
                        .matcher(text)
                        .matches()) {
            problems.add(constraint(
                    "'" + text + "'",
                    at,
                    "Member must satisfy regular expression pattern: "
                            + shape.path("pattern").asText()));
        }
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.path("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                problems.add(constraint("'" + text + "'", at, "Member must satisfy enum value set: " + allowed));
            }
        }
    }

    private static void blob(JsonNode value, String at, List<String> problems) {
        if (!expect(value.isTextual(), "base64 string", value, at, problems)) {
            return;
        }
        try {
            Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            problems.add(constraint("(blob)", at, "Member must be valid base64"));
        }
    }

    private static void number(JsonNode value, JsonNode shape, String at, List<String> problems) {
        if (expect(value.isIntegralNumber(), "integer", value, at, problems)) {
            bounds(value.asLong(), shape, "have value", value.asText(), at, problems);
        }
    }

    private static void bounds(long n, JsonNode shape, String what, String shown, String at, List<String> problems) {
        if (shape.has("min") && n < shape.path("min").asLong()) {
            problems.add(constraint(
                    shown,
                    at,
                    "Member must " + what + " greater than or equal to "
                            + shape.path("min").asLong()));
        }
        if (shape.has("max") && n > shape.path("max").asLong()) {
            problems.add(constraint(
                    shown,
                    at,
                    "Member must " + what + " less than or equal to "
                            + shape.path("max").asLong()));
        }
    }

    private static boolean expect(boolean ok, String type, JsonNode value, String at, List<String> problems) {
        if (!ok) {
            problems.add(constraint(
                    value.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                    at,
                    "Member must be of type " + type));
        }
        return ok;
    }

    private static String constraint(String value, String at, String rule) {
        return "Value " + value + " at '" + at + "' failed to satisfy constraint: " + rule;
    }

    private static String join(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }
}
