package dev.postern.provider.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import org.junit.jupiter.api.Test;

class ResendRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Email.Builder base() {
        return Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .subject("Hi")
                .text("Hello");
    }

    @Test
    void tagsMetadataAndTheMessageIdBecomeResendTagsInItsAlphabet() {
        Email email = base().tag("summer sale")
                .metadata("order.id", "42/a")
                .metadata("Kunde", "Zoë")
                .build();

        assertThat(ResendRequest.tags(email, "01JID"))
                .containsExactly(
                        java.util.Map.entry("summer_sale", "true"),
                        java.util.Map.entry("order_id", "42_a"),
                        java.util.Map.entry("Kunde", "Zo_"),
                        java.util.Map.entry("postern_id", "01JID"));
    }

    @Test
    void posternsIdCannotBeOverwrittenByATag() {
        Email email = base().tag("postern_id").build();

        assertThat(ResendRequest.tags(email, "01JID")).containsEntry("postern_id", "01JID");
    }

    @Test
    void tagTextsAreCutAt256AndNeverEmpty() {
        assertThat(ResendRequest.tagText("x".repeat(300))).hasSize(256);
        assertThat(ResendRequest.tagText("")).isEqualTo("_");
    }

    @Test
    void internationalDomainsTravelAsPunycodeAndTrackingIsNotSent() throws Exception {
        Email email = base().to("Zoë <zoe@bücher.example>")
                .cc("ops@example.com")
                .replyTo("help@shop.example")
                .tracking(Tracking.ALL)
                .build();

        JsonNode body = JSON.readTree(ResendRequest.body(email, "01JID"));

        assertThat(body.path("to").get(1).asText()).isEqualTo("Zoë <zoe@xn--bcher-kva.example>");
        assertThat(body.path("cc").get(0).asText()).isEqualTo("ops@example.com");
        assertThat(body.path("reply_to").get(0).asText()).isEqualTo("help@shop.example");
        assertThat(body.path("headers").path("X-Postern-Id").asText()).isEqualTo("01JID");
        assertThat(body.has("track_opens")).isFalse();
    }
}
