package dev.postern.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
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
}
