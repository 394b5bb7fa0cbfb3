package dev.postern.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schema of one operation's request body, taken from a provider's OpenAPI 3.1 description
 * on the classpath ({@code specs/…}), so a simulator refuses what the real API would refuse.
 */
public final class RequestSchema {
    private final Schema schema;
    private final String where;

    private RequestSchema(Schema schema, String where) {
        this.schema = schema;
        this.where = where;
    }

    /**
     * Loads the schema at JSON pointer {@code pointer} of classpath resource {@code resource}
     * (JSON or YAML), e.g. {@code /paths/~1v3~1mail~1send/post/requestBody/content/application~1json/schema}.
     */
    public static RequestSchema load(String resource, String pointer) {
        ObjectNode document = read(resource);
        JsonNode operation = document.at(pointer);
        if (!(operation instanceof ObjectNode root)) {
            throw new IllegalArgumentException("no schema at " + resource + "#" + pointer);
        }
        // Validators resolve references only into schema keywords, and OpenAPI keeps shared schemas
        // under "components", which is not one: move them to "$defs" and point references there.
        ObjectNode schemaDocument = root.deepCopy();
        JsonNode shared = document.at("/components/schemas");
        if (shared.isObject()) {
            schemaDocument.set("$defs", shared.deepCopy());
        }
        redirect(schemaDocument);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + resource), schemaDocument);
        schema.initializeValidators();
        return new RequestSchema(schema, resource + "#" + pointer);
    }

    private static void redirect(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
                object.put("$ref", "#/$defs/" + ref.asText().substring("#/components/schemas/".length()));
            }
        }
        node.forEach(RequestSchema::redirect);
    }

    private static ObjectNode read(String resource) {
        ObjectMapper mapper = resource.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try (InputStream in = RequestSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no API description at classpath:" + resource);
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + resource, e);
        }
    }

    /** What is wrong with {@code body}, one message per violation; empty when it conforms. */
    public List<String> violations(JsonNode body) {
        return schema.validate(body).stream().map(Object::toString).toList();
    }

    @Override
    public String toString() {
        return "RequestSchema[" + where + "]";
    }
}
