package dev.postern.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.Email;
import dev.postern.email.EmailLimits;
import dev.postern.email.InvalidEmailException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Messages up to Postern's size limit ({@link EmailLimits#MAX_SIZE_BYTES}, which {@link Email}
 * estimates as the encoded MIME message): one text body and at most one attachment, and the HTTP
 * API body that sends them. The largest sizes are found from {@code Email}'s own rule, so they stay
 * right if the estimate changes.
 */
public final class BigMessages {
    public static final String FROM = "orders@shop.example";
    public static final String TO = "ada@example.com";
    public static final String FILENAME = "big.bin";
    public static final String CONTENT_TYPE = "application/octet-stream";

    /** Text with what JSON must escape: quotes, a backslash, tabs and line breaks; ASCII only. */
    private static final String LINE = "A line with \"quotes\", a \\ backslash\tand a tab.\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BigMessages() {}

    /** The largest attachment a message with {@code text} may carry. */
    public static int largestAttachment(String subject, String text) {
        // base64 makes an attachment count at least 4/3 of its size, so 3/4 of the limit is too big
        return largest((int) (EmailLimits.MAX_SIZE_BYTES * 3 / 4), n -> fits(subject, text, n));
    }

    /** The longest ASCII text a message with an attachment of {@code attachmentBytes} may carry. */
    public static int longestText(String subject, int attachmentBytes) {
        // ASCII text counts one byte a character, so the room left is the text's length
        Email one = email(subject, "x", new byte[attachmentBytes]);
        return (int) (EmailLimits.MAX_SIZE_BYTES - one.sizeBytes() + 1);
    }

    /** Seeded random bytes, as an attachment that does not compress. */
    public static byte[] bytes(int length, long seed) {
        byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        return content;
    }

    /** {@code length} ASCII characters in lines that JSON must escape. */
    public static String text(int length) {
        return LINE.repeat(length / LINE.length() + 1).substring(0, length);
    }

    /** A message from {@link #FROM} to {@link #TO}, with {@code attachment} unless it is empty. */
    public static Email email(String subject, String text, byte[] attachment) {
        Email.Builder email = Email.builder().from(FROM).to(TO).subject(subject).text(text);
        if (attachment.length > 0) {
            email.attachment(FILENAME, CONTENT_TYPE, attachment);
        }
        return email.build();
    }

    /** The {@code POST /v1/messages} body of {@code email} (from, to, subject, text, attachments). */
    public static byte[] body(Email email) {
        ObjectNode root = JSON.createObjectNode()
                .put("from", email.from().toString())
                .put("subject", email.subject())
                .put("text", email.text());
        email.to().forEach(to -> root.withArray("to").add(to.toString()));
        email.attachments()
                .forEach(a -> root.withArray("attachments")
                        .addObject()
                        .put("filename", a.filename())
                        .put("content_type", a.contentType())
                        .put("content_base64", Base64.getEncoder().encodeToString(a.content())));
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean fits(String subject, String text, int attachmentBytes) {
        try {
            email(subject, text, new byte[attachmentBytes]);
            return true;
        } catch (InvalidEmailException e) {
            return false;
        }
    }

    /** The largest n below {@code tooBig} for which {@code fits} holds, which holds for 0. */
    private static int largest(int tooBig, IntPredicate fits) {
        int low = 0;
        int high = tooBig;
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (fits.test(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
