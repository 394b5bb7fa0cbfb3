package dev.postern.provider.smtp;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MIME building for the SMTP adapter: an {@code Email} to the bytes sent after DATA (headers
 * encoded, text and HTML as alternatives, an attachment in base64), as {@code SmtpProvider} does
 * for every attempt. In this package because the builder is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MimeBuilding {
    @Param({"text", "html_and_attachment"})
    public String shape;

    private Email email;
    private final Session session = Session.getInstance(new Properties());
    private final AttemptContext context = new AttemptContext("01JD3V7Y4T5Q8M2N6P0R9S1W3X", 1, true);
    private final Clock clock = Clock.systemUTC();

    @Setup
    public void setUp() {
        String text = "Thanks for your order. ".repeat(40);
        Email.Builder builder = Email.builder()
                .from("Shop <orders@shop.example>")
                .to("Ada Lovelace <ada@example.com>")
                .subject("Your receipt — order #1234")
                .text(text);
        if (shape.equals("html_and_attachment")) {
            builder.html("<p>" + text + "</p>")
                    .attachment(
                            "receipt.pdf",
                            "application/pdf",
                            "%PDF-1.4 ".repeat(400).getBytes(StandardCharsets.US_ASCII));
        }
        email = builder.build();
    }

    @Benchmark
    public int build() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        MimeBuilder.build(email, context, session, clock).writeTo(out);
        return out.size();
    }
}
