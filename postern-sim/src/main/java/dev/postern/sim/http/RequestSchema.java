package dev.postern.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
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
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + resource + "#" + pointer));
        schema.initializeValidators();
        return new RequestSchema(schema, resource + "#" + pointer);
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
