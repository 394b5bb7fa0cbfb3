package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentTest {

    @Test
    void equalsAndHashCodeCompareContentNotArrayIdentity() {
        Attachment a = Attachment.of("a.txt", "text/plain", new byte[] {1, 2});
        Attachment b = Attachment.of("a.txt", "text/plain", new byte[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Attachment.of("a.txt", "text/plain", new byte[] {1, 3}));
    }

    @Test
    void toStringShowsSizeNotContent() {
        Attachment a = new Attachment("logo.png", "image/png", new byte[2048], "logo");
        assertThat(a)
                .hasToString("Attachment[filename=logo.png, contentType=image/png, size=2048 bytes, contentId=logo]");
        assertThat(a.inline()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/pdf",
                "text/plain; charset=utf-8",
                "text/plain;charset=\"utf-8\"",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "image/svg+xml"
            })
    void mimeTypesWithParametersAreAccepted(String contentType) {
        assertThat(Attachment.of("f", contentType, new byte[0]).contentType()).isEqualTo(contentType);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"pdf", "text/", "/plain", "text/plain; charset", "text plain", "text/pl@in", "text/plain\r\n"})
    void malformedMimeTypesAreRejectedNamingContentType(String contentType) {
        assertThatThrownBy(() -> Attachment.of("f", contentType, new byte[0]))
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("content_type"))
                .satisfies(e -> assertThat(e.getMessage()).contains("type/subtype (RFC 2045)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a b", "<logo>", " "})
    void malformedContentIdIsRejectedNamingContentId(String contentId) {
        assertThatThrownBy(() -> new Attachment("f", "image/png", new byte[0], contentId))
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("content_id"));
    }
}
