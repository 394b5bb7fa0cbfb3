package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Attachment;
import dev.postern.email.Email;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** How an Email becomes a SendEmail request, where SES needs more than a field copy. */
class SesRequestsTest {
    private static Email.Builder base() {
        return Email.builder()
                .from("shop@shop.example")
                .to("zoe@example.com")
                .subject("Hi")
                .text("Hello");
    }

    @Test
    void nonAsciiDisplayNamesAreEncodedWordsAndDomainsArePunycode() {
        Email email = base().cc("Zoë <zoe@bücher.example>").build();

        SendEmailRequest request = SesRequests.sendEmail(email, "01J", null);

        assertThat(request.destination().ccAddresses())
                .containsExactly("=?UTF-8?Q?Zo=C3=AB?= <zoe@xn--bcher-kva.example>");
    }

    @Test
    void aNonAsciiLocalPartCannotBeSentThroughSes() {
        Email email = base().to("zoë@example.com").build();

        assertThat(SesRequests.unsendable(email))
                .hasValueSatisfying(r -> assertThat(r).contains("SMTPUTF8"));
    }

    @Test
    void posternsIdIsTheFirstHeaderAndATagAndSesTagTextIsCleaned() {
        Email email = base().header("X-Note", "Grüße")
                .metadata("order.id", "a.b@c")
                .tag("receipt")
                .build();

        SendEmailRequest request = SesRequests.sendEmail(email, "01JID", "set-1");

        assertThat(request.content().simple().headers().getFirst().name()).isEqualTo("X-Postern-Id");
        assertThat(request.content().simple().headers().get(1).value()).isEqualTo("=?UTF-8?B?R3LDvMOfZQ==?=");
        assertThat(request.emailTags())
                .extracting(MessageTag::name, MessageTag::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order_id", "a_b_c"),
                        org.assertj.core.groups.Tuple.tuple("tag_receipt", "true"),
                        org.assertj.core.groups.Tuple.tuple("postern_id", "01JID"));
        assertThat(request.configurationSetName()).isEqualTo("set-1");
    }

    @Test
    void moreHeadersThanSesTakesMakeTheMessageUnsendable() {
        Email.Builder builder = base();
        for (int i = 0; i < SesRequests.MAX_HEADERS; i++) {
            builder.header("X-H" + i, "v");
        }

        assertThat(SesRequests.unsendable(builder.build())).isPresent();
        assertThat(SesRequests.unsendable(base().header("X-One", "v").build())).isEmpty();
    }

    @Test
    void inlinePartsKeepTheirContentId() {
        byte[] png = "png".getBytes(StandardCharsets.US_ASCII);
        Email email = base().html("<img src=\"cid:logo\">")
                .attachment(new Attachment("logo.png", "image/png", png, "logo"))
                .build();

        var attachment = SesRequests.sendEmail(email, "01J", null)
                .content()
                .simple()
                .attachments()
                .getFirst();

        assertThat(attachment.contentDisposition()).isEqualTo(AttachmentContentDisposition.INLINE);
        assertThat(attachment.contentId()).isEqualTo("logo");
        assertThat(attachment.rawContent().asByteArray()).isEqualTo(png);
    }
}
