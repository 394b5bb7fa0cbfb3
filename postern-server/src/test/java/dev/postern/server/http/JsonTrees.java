package dev.postern.server.http;

import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Generators of {@code POST /v1/messages} bodies for the property tests: QuickTheories draws a
 * seed (reproducible with {@code withFixedSeed}), and each seed builds one tree — a valid message
 * with a few fields replaced by wrong types, odd strings or removed; a random JSON tree; a message
 * with huge values; or one with a deeply nested value. Built from a seed rather than from
 * combinators so that every case is a plain function of one {@code long}, printed on failure.
 *
 * <p>QuickTheories, not jqwik as issue #13 names: jqwik 1.10's engine prints a notice that AI coding
 * agents must not use it.
 */
public final class JsonTrees {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of(
            "from",
            "to",
            "cc",
            "bcc",
            "reply_to",
            "subject",
            "text",
            "html",
            "headers",
            "attachments",
            "tags",
            "metadata",
            "tracking");
    private static final List<String> ODD_STRINGS = List.of(
            "",
            " ",
            "a@b",
            "not@@valid",
            "ada@example.com",
            "Ada <ada@example.com>",
            "\"Lovelace, Ada\" <ada@example.com>",
            "<>",
            "x\r\nBcc: victim@example.com",
            "line\nbreak",
            "nul\u0000byte",
            "Zoë 🎉 <zoe@exämple.com>",
            "=?utf-8?b?SGk=?=",
            "../../etc/passwd",
            "QUJD",
            "not*base64!",
            "true",
            "null",
            "{}",
            "\u202e\u200b",
            "@shop.example",
            "orders@shop.example");

    private JsonTrees() {}

    /** One message body per drawn seed. */
    public static Gen<JsonNode> messages() {
        return longs().all().map(JsonTrees::message).describedAs(JsonTrees::describe);
    }

    /** The body the seed builds; the same seed always builds the same tree. */
    public static JsonNode message(long seed) {
        Random r = new Random(seed);
        int kind = r.nextInt(20);
        if (kind < 12) {
            ObjectNode m = valid(r);
            int mutations = r.nextInt(4); // 0: stays valid
            for (int i = 0; i < mutations; i++) {
                mutate(m, r);
            }
            return m;
        }
        if (kind < 16) {
            return r.nextBoolean() ? randomObject(r, 3) : value(r, 3);
        }
        if (kind < 18) {
            ObjectNode m = valid(r);
            m.set(pick(r, FIELDS), huge(r));
            return m;
        }
        ObjectNode m = valid(r);
        m.set(pick(r, FIELDS), nested(r, 50 + r.nextInt(900))); // Jackson writes at most 1000 levels
        return m;
    }

    /** A message every rule accepts (its sender in {@code shop.example}). */
    static ObjectNode valid(Random r) {
        ObjectNode m = F.objectNode();
        m.set("from", r.nextBoolean() ? F.textNode("Shop <orders@shop.example>") : address("orders@shop.example", r));
        ArrayNode to = m.putArray("to");
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            String email = "user" + r.nextInt(1000) + "@example.com";
            to.add(r.nextBoolean() ? F.textNode(email) : address(email, r));
        }
        m.put("subject", "Order " + r.nextInt(100_000));
        if (r.nextInt(3) == 0) {
            m.put("html", "<p>Thanks</p>");
        } else {
            m.put("text", "Thanks for your order.");
        }
        if (r.nextInt(3) == 0) {
            m.putObject("headers").put("X-Order", Integer.toString(r.nextInt(1000)));
        }
        if (r.nextInt(3) == 0) {
            byte[] content = new byte[r.nextInt(64)];
            r.nextBytes(content);
            m.putArray("attachments")
                    .addObject()
                    .put("filename", "receipt.pdf")
                    .put("content_type", "application/pdf")
                    .put("content_base64", Base64.getEncoder().encodeToString(content));
        }
        if (r.nextInt(3) == 0) {
            m.putArray("tags").add("receipt");
            m.putObject("metadata").put("order", "42");
        }
        if (r.nextInt(3) == 0) {
            m.putObject("tracking").put("opens", r.nextBoolean()).put("clicks", r.nextBoolean());
        }
        return m;
    }

    private static ObjectNode address(String email, Random r) {
        ObjectNode a = F.objectNode().put("email", email);
        if (r.nextBoolean()) {
            a.put("name", "Ada");
        }
        return a;
    }

    /** Replaces, removes or adds one value, at the top or inside a list or object. */
    private static void mutate(ObjectNode m, Random r) {
        List<ObjectNode> containers = new ArrayList<>();
        collectObjects(m, containers);
        ObjectNode target = containers.get(r.nextInt(containers.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        switch (r.nextInt(5)) {
            case 0 -> target.set(r.nextBoolean() ? "priority" : randomKey(r), value(r, 2));
            case 1 -> {
                if (!names.isEmpty()) {
                    target.remove(pick(r, names));
                }
            }
            case 2 -> target.put(names.isEmpty() ? pick(r, FIELDS) : pick(r, names), pick(r, ODD_STRINGS));
            default -> target.set(names.isEmpty() || r.nextBoolean() ? pick(r, FIELDS) : pick(r, names), value(r, 2));
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectObjects(it.next(), into);
        }
    }

    private static JsonNode value(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 11 : 8);
        return switch (kind) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(r.nextLong());
            case 3 -> F.numberNode(r.nextBoolean() ? r.nextDouble() * 1e300 : -0.0);
            case 4 -> F.numberNode(new BigDecimal("1e400"));
            case 5, 6 -> F.textNode(pick(r, ODD_STRINGS));
            case 7 -> F.textNode(randomText(r, r.nextInt(40)));
            case 8, 9 -> {
                ArrayNode a = F.arrayNode();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    a.add(value(r, depth - 1));
                }
                yield a;
            }
            default -> randomObject(r, depth - 1);
        };
    }

    private static ObjectNode randomObject(Random r, int depth) {
        ObjectNode o = F.objectNode();
        for (int i = 0, n = r.nextInt(5); i < n; i++) {
            o.set(r.nextInt(3) == 0 ? randomKey(r) : pick(r, FIELDS), value(r, Math.max(0, depth - 1)));
        }
        return o;
    }

    private static JsonNode huge(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> F.textNode("x".repeat(10_000 + r.nextInt(50_000)));
            case 1 -> {
                ArrayNode a = F.arrayNode();
                for (int i = 0, n = 1000 + r.nextInt(2000); i < n; i++) {
                    a.add("r" + i + "@example.com");
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = 0, n = 500 + r.nextInt(1000); i < n; i++) {
                    o.put("X-H" + i, "v");
                }
                yield o;
            }
        };
    }

    /** {@code depth} arrays or objects, one inside the next. */
    static JsonNode nested(Random r, int depth) {
        JsonNode inner = F.textNode("deep");
        for (int i = 0; i < depth; i++) {
            inner = r.nextBoolean() ? F.arrayNode().add(inner) : F.objectNode().set("a", inner);
        }
        return inner;
    }

    private static String randomKey(Random r) {
        return randomText(r, 1 + r.nextInt(12));
    }

    private static String randomText(Random r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = switch (r.nextInt(6)) {
                case 0 -> r.nextInt(0x20); // control characters, CR and LF among them
                case 1 -> 0x80 + r.nextInt(0x2000);
                case 2 -> 0x1F600 + r.nextInt(0x50); // beyond the BMP
                default -> 0x20 + r.nextInt(0x5f);
            };
            s.appendCodePoint(c);
        }
        return s.toString();
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 400 ? text.substring(0, 400) + "... (" + text.length() + " chars)" : text;
    }
}
