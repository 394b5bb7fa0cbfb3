package dev.postern.provider.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.email.Address;
import dev.postern.email.Email;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The nesting limit every MIME door shares (the SMTP relay, the Spring starter's mail sender). */
class MimeContentTest {

    @Test
    void multipartsNestedThirtyTwoDeepAreReadToTheBottom() throws Exception {
        Email.Builder email =
                Email.builder().from(Address.of("orders@shop.example")).to(Address.of("ada@example.com"));

        MimeContent.readContent(nested(MimeContent.MAX_MULTIPART_DEPTH), email);

        assertThat(email.build().text()).isEqualTo("at the bottom");
    }

    @Test
    void multipartsNestedDeeperThanThirtyTwoAreRefusedNamingTheLimit() throws Exception {
        MimeMessage bomb = nested(10_000);

        assertThatThrownBy(() -> MimeContent.readContent(bomb, Email.builder()))
                .isInstanceOf(MessagingException.class)
                .hasMessage("multipart parts are nested deeper than 32 levels");
    }

    private static MimeMessage nested(int depth) throws MessagingException {
        StringBuilder m = new StringBuilder("Subject: nested\r\nMIME-Version: 1.0\r\n");
        for (int level = 1; level <= depth; level++) {
            if (level > 1) {
                m.append("--b").append(level - 1).append("\r\n");
            }
            m.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(level)
                    .append("\"\r\n\r\n");
        }
        m.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nat the bottom\r\n");
        for (int level = depth; level >= 1; level--) {
            m.append("--b").append(level).append("--\r\n");
        }
        return new MimeMessage(
                MimeContent.SESSION, new ByteArrayInputStream(m.toString().getBytes(StandardCharsets.US_ASCII)));
    }
}
