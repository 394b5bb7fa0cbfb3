package dev.postern.provider.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import org.junit.jupiter.api.Test;

class PostmarkRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(Email email) throws Exception {
        return JSON.readTree(PostmarkRequest.body(email, "01JID", "outbound"));
    }

    private static Email.Builder base() {
        return Email.builder()
                .from("shop@shop.example")
                .to("ada@example.com")
                .subject("Hi")
                .text("Hello");
    }

    @Test
    void addressListsAreCommaSeparatedWithQuotedNamesAndPunycodeDomains() throws Exception {
        JsonNode body = body(base().to("Lovelace, Ada <ada@bücher.example>")
                .bcc("audit@example.com")
                .build());

        assertThat(body.path("To").asText())
                .isEqualTo("ada@example.com, \"Lovelace, Ada\" <ada@xn--bcher-kva.example>");
        assertThat(body.path("Bcc").asText()).isEqualTo("audit@example.com");
        assertThat(body.has("Cc")).isFalse();
    }

    @Test
    void onlyTheFirstTagIsSentBecausePostmarkTakesOne() throws Exception {
        assertThat(body(base().tag("receipt").tag("eu").build()).path("Tag").asText())
                .isEqualTo("receipt");
        assertThat(body(base().build()).has("Tag")).isFalse();
    }

    @Test
    void trackingMapsToTrackOpensAndTrackLinks() throws Exception {
        JsonNode all = body(base().tracking(Tracking.ALL).build());
        JsonNode off = body(base().tracking(Tracking.OFF).build());

        assertThat(all.path("TrackOpens").asBoolean()).isTrue();
        assertThat(all.path("TrackLinks").asText()).isEqualTo("HtmlAndText");
        assertThat(off.path("TrackOpens").asBoolean()).isFalse();
        assertThat(off.path("TrackLinks").asText()).isEqualTo("None");
    }

    @Test
    void messageIdTravelsInMetadataAndHeaderAndTheStreamIsSet() throws Exception {
        JsonNode body =
                body(base().metadata("order_id", "42").header("X-Campaign", "r").build());

        assertThat(body.path("Metadata").path("postern_id").asText()).isEqualTo("01JID");
        assertThat(body.path("Metadata").path("order_id").asText()).isEqualTo("42");
        assertThat(body.path("Headers").toString())
                .contains("{\"Name\":\"X-Campaign\",\"Value\":\"r\"}")
                .contains("{\"Name\":\"X-Postern-Id\",\"Value\":\"01JID\"}");
        assertThat(body.path("MessageStream").asText()).isEqualTo("outbound");
    }

    @Test
    void inlineImagesGetACidContentId() throws Exception {
        Email email = base().html("<img src=\"cid:logo\">")
                .attachment(new Attachment("logo.png", "image/png", new byte[] {1, 2}, "logo"))
                .build();

        assertThat(body(email).path("Attachments").get(0).path("ContentID").asText())
                .isEqualTo("cid:logo");
    }
}
