package dev.postern.provider.mailgun;

import dev.postern.email.Address;
import dev.postern.email.Attachment;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.transport.Correlation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes an {@link Email} as the form of {@code POST /v3/{domain}/messages}: one {@code to}, {@code
 * cc} or {@code bcc} field per recipient, {@code h:} headers (with {@code X-Postern-Id} and {@code
 * Reply-To}), {@code v:} variables (with {@code postern_id}), {@code o:tag} and explicit {@code
 * o:tracking-opens}/{@code o:tracking-clicks}, and {@code attachment}/{@code inline} file parts.
 */
final class MailgunRequest {
    /** Mailgun keeps at most 3 tags per message. */
    static final int MAX_TAGS = 3;

    private MailgunRequest() {}

    static MultipartForm form(Email email, AttemptContext context) {
        MultipartForm form = new MultipartForm();
        form.field("from", mailbox(email.from()));
        email.to().forEach(a -> form.field("to", mailbox(a)));
        email.cc().forEach(a -> form.field("cc", mailbox(a)));
        email.bcc().forEach(a -> form.field("bcc", mailbox(a)));
        form.field("subject", email.subject());
        if (email.text() != null && !email.text().isEmpty()) {
            form.field("text", email.text());
        }
        if (email.html() != null && !email.html().isEmpty()) {
            form.field("html", email.html());
        }
        if (!email.replyTo().isEmpty()) {
            form.field(
                    "h:Reply-To",
                    email.replyTo().stream().map(MailgunRequest::mailbox).collect(Collectors.joining(", ")));
        }
        email.headers().forEach((name, value) -> form.field("h:" + name, value));
        form.field("h:" + Correlation.HEADER, context.messageId());
        email.metadata().forEach((key, value) -> {
            if (!key.equals(Correlation.METADATA_KEY)) {
                form.field("v:" + key, value);
            }
        });
        form.field("v:" + Correlation.METADATA_KEY, context.messageId());
        // Beyond 3 tags Mailgun's behaviour is undocumented; the first three are sent, deterministically.
        new LinkedHashSet<>(email.tags()).stream().limit(MAX_TAGS).forEach(tag -> form.field("o:tag", tag));
        // Always stated, so the domain's defaults cannot switch tracking on unasked.
        form.field("o:tracking-opens", email.tracking().opens() ? "yes" : "no");
        form.field("o:tracking-clicks", email.tracking().clicks() ? "yes" : "no");
        attachments(form, email.attachments());
        return form;
    }

    private static void attachments(MultipartForm form, List<Attachment> attachments) {
        for (Attachment a : attachments) {
            if (a.contentId() == null) {
                form.file("attachment", a.filename(), a.contentType(), a.content());
            } else {
                // Mailgun gives an inline part its file name as Content-ID, which the HTML references as cid:
                form.file("inline", a.contentId(), a.contentType(), a.content());
            }
        }
    }

    /** {@code Name <local@ascii-domain>}, the name quoted where RFC 5322 needs it. */
    static String mailbox(Address a) {
        return Address.of(a.asciiEmail(), a.name()).toString();
    }
}
