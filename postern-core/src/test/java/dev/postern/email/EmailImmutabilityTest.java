package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailImmutabilityTest {

    @Test
    void builtEmailListsAndMapsAreUnmodifiable() {
        Email email = Emails.valid()
                .cc("bob@example.com")
                .bcc("eve@example.com")
                .replyTo("support@postern.dev")
                .header("X-Campaign", "spring")
                .tag("welcome")
                .metadata("order_id", "42")
                .attachment("a.txt", "text/plain", new byte[] {1})
                .build();
        Address someone = Address.of("x@example.com");
        assertThatThrownBy(() -> email.to().add(someone)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.cc().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.bcc().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.replyTo().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.headers().put("Bcc", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.metadata().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.attachments().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> email.allRecipients().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changingTheCallersCollectionsAfterConstructionChangesNothing() {
        List<Address> to = new ArrayList<>(List.of(Address.of("ada@example.com")));
        Map<String, String> headers = new LinkedHashMap<>(Map.of("X-A", "1"));
        Email email = new Email(
                Address.of("noreply@postern.dev"),
                to,
                null,
                null,
                null,
                "s",
                "t",
                null,
                headers,
                null,
                null,
                null,
                null);
        to.add(Address.of("eve@example.com"));
        headers.put("Bcc", "eve@example.com");
        assertThat(email.to()).hasSize(1);
        assertThat(email.headers()).containsOnlyKeys("X-A");
        assertThat(email.tracking()).isEqualTo(Tracking.OFF);
    }

    @Test
    void attachmentBytesAreCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        Email email = Emails.valid()
                .attachment("a.bin", "application/octet-stream", bytes)
                .build();
        bytes[0] = 9;
        Attachment attachment = email.attachments().getFirst();
        assertThat(attachment.content()).containsExactly(1, 2, 3);
        attachment.content()[1] = 9;
        assertThat(attachment.content()).containsExactly(1, 2, 3);
    }

    @Test
    void headersAndMetadataKeepInsertionOrder() {
        Email email = Emails.valid()
                .header("X-C", "3")
                .header("X-A", "1")
                .header("X-B", "2")
                .metadata("z", "1")
                .metadata("a", "2")
                .build();
        assertThat(email.headers().keySet()).containsExactly("X-C", "X-A", "X-B");
        assertThat(email.metadata().keySet()).containsExactly("z", "a");
    }

    @Test
    void toBuilderDerivesAVariantWithoutChangingTheOriginal() {
        Email original = Emails.valid().tag("a").build();
        Email variant =
                original.toBuilder().to("bob@example.com").subject("Other").build();
        assertThat(original.to()).extracting(Address::email).containsExactly("ada@example.com");
        assertThat(variant.to()).extracting(Address::email).containsExactly("ada@example.com", "bob@example.com");
        assertThat(variant.tags()).containsExactly("a");
        assertThat(original.toBuilder().build()).isEqualTo(original);
    }
}
