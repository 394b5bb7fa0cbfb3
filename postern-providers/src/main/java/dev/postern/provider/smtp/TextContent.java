package dev.postern.provider.smtp;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.EncodingAware;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A text part's content as its UTF-8 bytes, with its Content-Transfer-Encoding chosen by one scan
 * of the array. The choice follows {@code MimeUtility.getEncoding} for text exactly: {@code 7bit}
 * when every byte is US-ASCII (tab, CR and LF allowed) and no line is longer than 998 bytes;
 * otherwise {@code quoted-printable} when ASCII bytes outnumber the others, else {@code base64}.
 * MimeBuilderBytesTest pins that the resulting MIME is the one {@code setText} produced.
 */
final class TextContent implements DataSource, EncodingAware {
    private static final int MAX_LINE = 998; // 1000 minus CRLF (RFC 5322 §2.1.1)

    private final byte[] bytes;
    private final String contentType;
    private final String encoding;

    private TextContent(String text, String subtype) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        this.contentType = "text/" + subtype + "; charset=UTF-8";
        this.encoding = encoding(bytes);
    }

    /** A handler that writes the bytes in one call (the activation default copies through 8 KiB). */
    static DataHandler handler(String text, String subtype) {
        TextContent content = new TextContent(text, subtype);
        return new DataHandler(content) {
            @Override
            public void writeTo(OutputStream out) throws java.io.IOException {
                out.write(content.bytes);
            }
        };
    }

    static String encoding(byte[] bytes) {
        int nonAscii = 0;
        int lineLength = 0;
        boolean longLine = false;
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b == '\r' || b == '\n') {
                lineLength = 0;
            } else if (++lineLength > MAX_LINE) {
                longLine = true;
            }
            if (b >= 0x7f || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
                nonAscii++;
            }
        }
        if (nonAscii == 0) {
            return longLine ? "quoted-printable" : "7bit";
        }
        return bytes.length - nonAscii > nonAscii ? "quoted-printable" : "base64";
    }

    @Override
    public String getEncoding() {
        return encoding;
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("read-only content");
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return "";
    }
}
