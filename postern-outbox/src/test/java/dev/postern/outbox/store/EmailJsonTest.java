package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmailJsonTest {

    @Test
    void storedMessageReadsBackEqualToTheOneAccepted() {
        Email email = Email.builder()
                .from("Shop <orders@shop.example>")
                .to("\"Lovelace, Ada\" <ada@example.com>")
                .cc("bob@bücher.example")
                .bcc("audit@shop.example")
                .replyTo("help@shop.example")
                .subject("Größe: ✓")
                .text("plain")
                .html("<p>html <img src=\"cid:logo\"></p>")
                .header("List-Unsubscribe", "<mailto:u@shop.example>")
                .attachment("a.pdf", "application/pdf", new byte[] {1, 2, 3})
                .attachment(new Attachment("logo.png", "image/png", new byte[] {9}, "logo"))
                .tag("receipt")
                .metadata("order", "42")
                .tracking(Tracking.ALL)
                .build();

        assertThat(EmailJson.read(EmailJson.write(email))).isEqualTo(email);
    }

    /**
     * An 18 MiB attachment is 24 MiB of base64 and fits in a 25 MiB message, as does 24 MiB of
     * text: both are longer than the 20,000,000 characters Jackson reads by default.
     */
    @Test
    void storedMessageNearTheSizeLimitReadsBack() {
        byte[] content = new byte[18 * 1024 * 1024];
        new java.util.Random(18).nextBytes(content);
        Email attachment = Email.builder()
                .from("orders@shop.example")
                .to("ada@example.com")
                .subject("Big attachment")
                .text("x")
                .attachment("big.bin", "application/octet-stream", content)
                .build();
        Email text = Email.builder()
                .from("orders@shop.example")
                .to("ada@example.com")
                .subject("Big text")
                .text("line \"quoted\"\n".repeat(24 * 1024 * 1024 / 15))
                .build();

        // equals rather than isEqualTo: a failure must not print megabytes
        assertThat(EmailJson.read(EmailJson.write(attachment)).equals(attachment))
                .isTrue();
        assertThat(EmailJson.read(EmailJson.write(text)).equals(text)).isTrue();
    }

    /** The admin's search by recipient reads the stored JSON too; a big message must not break it. */
    @Test
    void bigStoredMessageIsFoundByItsRecipient() {
        Email email = Email.builder()
                .from("orders@shop.example")
                .to("ada@example.com")
                .subject("Big attachment")
                .text("x")
                .attachment("big.bin", "application/octet-stream", new byte[18 * 1024 * 1024])
                .build();

        assertThat(EmailJson.addressedTo(EmailJson.write(email), null, "ADA@example.com"))
                .isTrue();
    }

    @Test
    void storedFormIsTheHttpApiShape() {
        Email email = Email.builder()
                .from("orders@shop.example")
                .to("ada@example.com")
                .subject("Hi")
                .text("x")
                .build();

        String json = new String(EmailJson.write(email), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"from\":\"orders@shop.example\"", "\"to\":[\"ada@example.com\"]", "\"reply_to\":[]");
    }

    @Test
    void storedMessageWithNullListsAndFieldsItDoesNotKnowReadsBack() {
        String stored = "{\"from\":\"orders@shop.example\",\"to\":[\"ada@example.com\"],\"cc\":null,"
                + "\"later_field\":{\"nested\":[1,{\"a\":2}]},\"subject\":\"Hi\",\"text\":\"x\",\"html\":null,"
                + "\"headers\":null,\"tracking\":{\"opens\":true,\"clicks\":false}}";

        Email email = EmailJson.read(stored.getBytes(StandardCharsets.UTF_8));

        assertThat(email)
                .isEqualTo(Email.builder()
                        .from("orders@shop.example")
                        .to("ada@example.com")
                        .subject("Hi")
                        .text("x")
                        .tracking(new Tracking(true, false))
                        .build());
    }

    @Test
    void storedMessageThatIsNotAnObjectIsRefusedAsNotValidJson() {
        assertThatThrownBy(() -> EmailJson.read("[\"ada@example.com\"]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not valid JSON");
    }
}
