package dev.postern.provider.emailr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.email.Email;
import org.junit.jupiter.api.Test;

class EmailrRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addressesAreBareWithPunycodeDomainsAndOneReplyTo() throws Exception {
        Email email = Email.builder()
                .from("Shop <shop@shop.example>")
                .to("Zoë <zoe@bücher.example>", "bob@example.com")
                .replyTo("help@shop.example", "other@shop.example")
                .subject("Hi")
                .text("Hello")
                .build();

        JsonNode body = JSON.readTree(EmailrRequest.body(email, "01JID"));

        assertThat(body.path("from").asText()).isEqualTo("shop@shop.example");
        assertThat(body.path("to").toString()).isEqualTo("[\"zoe@xn--bcher-kva.example\",\"bob@example.com\"]");
        assertThat(body.path("reply_to_email").asText()).isEqualTo("help@shop.example");
    }

    @Test
    void tagsMetadataAndTheMessageIdShareEmailrsTagsMapWithTheIdWinning() throws Exception {
        Email email = Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .subject("Hi")
                .text("Hello")
                .tag("receipt")
                .tag("postern_id")
                .metadata("order_id", "42")
                .header("X-Campaign", "dropped")
                .build();

        JsonNode body = JSON.readTree(EmailrRequest.body(email, "01JID"));

        assertThat(body.path("tags").toString())
                .isEqualTo("{\"receipt\":\"true\",\"postern_id\":\"01JID\",\"order_id\":\"42\"}");
        assertThat(body.has("headers")).isFalse();
    }
}
