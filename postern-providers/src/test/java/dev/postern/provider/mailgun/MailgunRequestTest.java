package dev.postern.provider.mailgun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Email;
import dev.postern.email.Tracking;
import dev.postern.provider.AttemptContext;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form the adapter writes, read back with jakarta.mail as a server would. */
class MailgunRequestTest {
    private static final AttemptContext CONTEXT = new AttemptContext("01JTEST", 1, true);

    private static List<String> parts(MultipartForm.Encoded form) throws Exception {
        MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(form.body(), form.contentType()));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            String disposition = multipart.getBodyPart(i).getHeader("Content-Disposition")[0];
            String name = new String(disposition.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            String value = new String(multipart.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            parts.add(name.replace("form-data; ", "") + " = " + value);
        }
        return parts;
    }

    private static Email.Builder email() {
        return Email.builder()
                .from("Shop <orders@shop.example>")
                .to("a@example.com")
                .subject("Hi")
                .text("Hello");
    }

    @Test
    void trackingIsAlwaysStatedAndTagsAreCappedAtThree() throws Exception {
        Email email = email().tracking(new Tracking(true, false))
                .tag("a")
                .tag("b")
                .tag("a")
                .tag("c")
                .tag("d")
                .build();

        List<String> parts = parts(MailgunRequest.form(email, CONTEXT).encode());

        assertThat(parts).contains("name=\"o:tracking-opens\" = yes", "name=\"o:tracking-clicks\" = no");
        assertThat(parts)
                .filteredOn(p -> p.startsWith("name=\"o:tag\""))
                .containsExactly("name=\"o:tag\" = a", "name=\"o:tag\" = b", "name=\"o:tag\" = c");
    }

    @Test
    void replyToAndCustomHeadersBecomeHeaderOptionsAndTheIdAVariable() throws Exception {
        Email email = email().replyTo("Lovelace, Ada <ada@example.com>", "b@example.com")
                .header("X-Campaign", "q4")
                .metadata("order_id", "42")
                .build();

        List<String> parts = parts(MailgunRequest.form(email, CONTEXT).encode());

        assertThat(parts)
                .contains(
                        "name=\"h:Reply-To\" = \"Lovelace, Ada\" <ada@example.com>, b@example.com",
                        "name=\"h:X-Campaign\" = q4",
                        "name=\"h:X-Postern-Id\" = 01JTEST",
                        "name=\"v:order_id\" = 42",
                        "name=\"v:postern_id\" = 01JTEST");
    }

    @Test
    void internationalDomainsAreSentInAscii() throws Exception {
        Email email = email().to("Jürgen <j@bücher.example>").build();

        assertThat(parts(MailgunRequest.form(email, CONTEXT).encode()))
                .contains("name=\"to\" = Jürgen <j@xn--bcher-kva.example>");
    }

    @Test
    void theBoundaryNeverOccursInsideAPartAndQuotesInFileNamesAreEscaped() throws Exception {
        byte[] tricky = "--postern-\r\n--postern-AAAA".getBytes(StandardCharsets.US_ASCII);
        MultipartForm.Encoded form = new MultipartForm()
                .field("text", "line\r\n--postern-x")
                .file("attachment", "say \"hi\".txt", "text/plain", tricky)
                .encode();
        String boundary = form.contentType().substring(form.contentType().indexOf("boundary=") + 9);

        assertThat(MultipartForm.contains(tricky, boundary.getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(parts(form))
                .containsExactly(
                        "name=\"text\" = line\r\n--postern-x",
                        "name=\"attachment\"; filename=\"say %22hi%22.txt\" = --postern-\r\n--postern-AAAA");
    }
}
