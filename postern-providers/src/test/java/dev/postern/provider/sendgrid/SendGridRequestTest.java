package dev.postern.provider.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.transport.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The JSON the adapter writes, and its configuration's rules. */
class SendGridRequestTest {
    private static final AttemptContext CONTEXT = new AttemptContext("01JTEST", 1, true);

    private static JsonNode body(Email email) throws Exception {
        return new ObjectMapper().readTree(SendGridRequest.body(email, CONTEXT));
    }

    private static Email.Builder email() {
        return Email.builder()
                .from("orders@shop.example")
                .to("a@example.com")
                .subject("Hi")
                .text("Hello");
    }

    @Test
    void trackingIsAlwaysStated() throws Exception {
        JsonNode off = body(email().build());
        JsonNode opens = body(email().tracking(new Tracking(true, false)).build());

        assertThat(off.at("/tracking_settings/open_tracking/enable").asBoolean(true))
                .isFalse();
        assertThat(off.at("/tracking_settings/click_tracking/enable").asBoolean(true))
                .isFalse();
        assertThat(opens.at("/tracking_settings/open_tracking/enable").asBoolean())
                .isTrue();
    }

    @Test
    void severalReplyToAddressesUseReplyToListAndNamesLoseCommas() throws Exception {
        JsonNode body = body(email().replyTo("\"Lovelace, Ada\" <ada@example.com>", "b@example.com")
                .build());

        assertThat(body.has("reply_to")).isFalse();
        assertThat(body.at("/reply_to_list/0/name").asText()).isEqualTo("Lovelace Ada");
        assertThat(body.at("/reply_to_list/1/email").asText()).isEqualTo("b@example.com");
    }

    @Test
    void theMessageIdTravelsInCustomArgsAndHeadersAndTagsAreUnique() throws Exception {
        JsonNode body =
                body(email().tag("a").tag("a").tag("b").metadata("k", "v").build());

        assertThat(body.at("/personalizations/0/custom_args/postern_id").asText())
                .isEqualTo("01JTEST");
        assertThat(body.at("/personalizations/0/custom_args/k").asText()).isEqualTo("v");
        assertThat(body.at("/headers/X-Postern-Id").asText()).isEqualTo("01JTEST");
        assertThat(body.path("categories").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void anEmptySubjectIsSentAsOneSpaceBecauseSendGridRequiresOne() throws Exception {
        assertThat(body(email().subject("").build()).path("subject").asText()).isEqualTo(" ");
    }

    @Test
    void configurationNamesTheKeyAtFault() {
        assertThatThrownBy(() -> SendGridConfig.of(" ")).hasMessage("api_key must not be blank");
        assertThatThrownBy(() -> new SendGridConfig(new Secret("k"), URI.create("ftp://x"), null))
                .hasMessageStartingWith("base_url must be an absolute http(s) URL");
        SendGridConfig config = new SendGridConfig(new Secret("k"), null, null);
        assertThat(config.baseUrl()).isEqualTo(SendGridConfig.GLOBAL);
        assertThat(config.toString()).doesNotContain("k,").contains("****");
    }
}
