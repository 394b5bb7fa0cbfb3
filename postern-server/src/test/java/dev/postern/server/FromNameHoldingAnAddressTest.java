package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.server.auth.Hashes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code From} display name that holds an address ({@code "ceo@bank.example" <x@shop.example>})
 * shows readers a sender the message is not from: refused, unless the key's configuration allows
 * it ({@code allow_address_in_from_name: true}), as for a sender that puts its own address there.
 */
class FromNameHoldingAnAddressTest {
    static final String NAMING_KEY = "pst_test-naming-key-7Qe2";
    static final String BODY = "{\"from\": {\"email\": \"a@shop.example\", \"name\": \"%s\"},"
            + " \"to\": [\"b@example.com\"], \"subject\": \"s\", \"text\": \"t\"}";

    @TempDir
    Path dir;

    @Test
    void aKeyIsRefusedAnAddressInTheFromNameUnlessItsConfigAllowsIt() {
        try (TestGateway gw = new TestGateway(
                dir,
                TestGateway.DEFAULT_SINKS,
                "",
                "    - { name: naming, key_sha256: %s, scopes: [send], sender_domains: [shop.example],"
                                .formatted(Hashes.sha256Hex(NAMING_KEY))
                        + " allow_address_in_from_name: true }")) {
            HttpResponse<String> refused = gw.post("/v1/messages", SEND_KEY, BODY.formatted("ceo@bank.example"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).at("/error/code").asText()).isEqualTo("invalid_message");
            assertThat(json(refused).at("/error/field").asText()).isEqualTo("from");
            assertThat(json(refused).at("/error/message").asText()).contains("display name must not hold an address");

            HttpResponse<String> allowed = gw.post("/v1/messages", NAMING_KEY, BODY.formatted("a@shop.example"));
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(202);
        }
    }
}
